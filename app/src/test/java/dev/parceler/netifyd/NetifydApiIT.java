package dev.parceler.netifyd;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parceler.testing.Background;
import dev.parceler.testing.CapturedLog;
import dev.parceler.testing.Eventually;
import dev.parceler.testing.HttpProbe;
import dev.parceler.testing.NginxServer;
import dev.parceler.testing.HttpProbe.Answer;
import dev.parceler.testing.NetifyStandIn;
import dev.parceler.testing.RunningService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The netifyd API through the real server, against a local stand-in of Netify's integrator API. */
class NetifydApiIT {
    static final String COMMUNITY = "NethSecurity Community Edition";
    static final String ENTERPRISE = "NethSecurity Enterprise Edition";
    static final String[] FOUR = {"netify-proc-aggregator", "netify-proc-flow-actions", "netify-proc-dev-discovery", "netify-sink-sqlite"};
    static final String LIST = "GET /api/v2/integrator/licenses?format=netifyd";
    static final String CREATE = "POST /api/v2/integrator/licenses ";
    /** The installation's clock stands at 2026-11-21T12:00:00Z. */
    static final Instant IN_FIVE_DAYS = Instant.parse("2026-11-26T00:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;
    private final NetifyStandIn netify = new NetifyStandIn();
    private RunningService service;

    private RunningService start(Map<String, String> environment) {
        Map<String, String> all = new HashMap<>(netify.environment());
        all.putAll(environment);
        all.values().removeIf(String::isEmpty);
        service = RunningService.start(home, all);
        netify.useClock(service.parceler().clock());
        return service;
    }

    private RunningService start() {
        return start(Map.of());
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        netify.close();
    }

    private Answer get(String path, String... headers) {
        return service.http().get("/api/netifyd" + path, headers);
    }

    private Answer machineGet(String path, String user, String secret) {
        return get(path, "Authorization: " + basic(user, secret));
    }

    private static JsonNode json(Answer answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void advance(Duration duration) {
        service.parceler().clock().advance(duration);
    }

    @Test
    void theCommunityLicenseIsServedWithoutCredentialsAsNetifyGivesIt() {
        String serial = netify.license(COMMUNITY, IN_FIVE_DAYS, FOUR);
        netify.license(ENTERPRISE, IN_FIVE_DAYS, FOUR);
        start();

        Answer answer = get("/license");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(json(answer)).isEqualTo(netify.license(serial));
        assertThat(netify.calls()).containsExactly(LIST);
        Answer head = service.http().head("/api/netifyd/license");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(answer.body().length));
    }

    @Test
    void aLicenseIsCachedForAnHourInTheDatabase() {
        netify.license(COMMUNITY, IN_FIVE_DAYS, FOUR);
        start();
        assertThat(get("/license").status()).isEqualTo(200);

        advance(Duration.ofMinutes(59));
        assertThat(get("/license").status()).isEqualTo(200);
        assertThat(netify.calls()).containsExactly(LIST);
        assertThat(service.parceler().databaseContent()).anyMatch(row -> row.startsWith("netifyd_cache: license:" + COMMUNITY));

        advance(Duration.ofMinutes(2));
        assertThat(get("/license").status()).isEqualTo(200);
        assertThat(netify.calls()).containsExactly(LIST, LIST);
    }

    @Test
    void aMissingLicenseIsCreatedWithTheLabelAndTheEntitlements() throws Exception {
        start();

        Answer answer = get("/license");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(netify.calls()).hasSize(2).first().isEqualTo(LIST);
        JsonNode created = json(netify.calls().get(1).substring(CREATE.length()));
        assertThat(created).isEqualTo(json("""
                {"format":"object","issued_to":"NethSecurity Community Edition","duration_days":7,
                 "description":"License provided to NethSecurity Community Edition instances.",
                 "entitlements":["netify-proc-aggregator","netify-proc-flow-actions","netify-proc-dev-discovery","netify-sink-sqlite"]}"""));
        assertThat(json(answer)).isEqualTo(netify.license(netify.serials().get(0)));
        assertThat(json(answer).path("expire_at").path("unix").asLong()).isEqualTo(Instant.parse("2026-11-28T12:00:00Z").getEpochSecond());
    }

    @Test
    void theSuffixIsAppendedToTheLabelAfterASpace() {
        netify.license(COMMUNITY, IN_FIVE_DAYS, FOUR);
        String staging = netify.license(COMMUNITY + " staging", IN_FIVE_DAYS, FOUR);
        start(Map.of("NETIFYD_LICENSE_SUFFIX", "staging"));

        assertThat(json(get("/license"))).isEqualTo(netify.license(staging));

        netify.license(ENTERPRISE, IN_FIVE_DAYS, FOUR);
        service.subscriptions().community("s1", "2027-01-01T00:00:00Z");
        assertThat(machineGet("/community/license", "m1", "s1").status()).isEqualTo(200);
        assertThat(netify.calls().get(2)).startsWith(CREATE).contains("\"issued_to\":\"" + ENTERPRISE + " staging\"");
    }

    @Test
    void aLicenseLackingAnEntitlementIsDeletedAndCreatedAgain() {
        String old = netify.license(COMMUNITY, IN_FIVE_DAYS, "netify-proc-aggregator", "netify-proc-flow-actions", "netify-sink-sqlite");
        start();

        Answer answer = get("/license");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(netify.calls()).hasSize(3);
        assertThat(netify.calls().subList(0, 2)).containsExactly(LIST, "DELETE /api/v2/integrator/licenses/" + old);
        assertThat(netify.calls().get(2)).startsWith(CREATE);
        assertThat(netify.serials()).hasSize(1).doesNotContain(old);
        assertThat(json(answer)).isEqualTo(netify.license(netify.serials().get(0)));
        assertThat(json(answer).has("netify-proc-dev-discovery")).isTrue();
    }

    @Test
    void theEntitlementsAreASetting() {
        String serial = netify.license(COMMUNITY, IN_FIVE_DAYS, "netify-proc-aggregator", "netify-proc-flow-actions");
        start(Map.of("NETIFYD_ENTITLEMENTS", "netify-proc-aggregator, netify-proc-flow-actions"));

        assertThat(json(get("/license"))).isEqualTo(netify.license(serial));
        assertThat(netify.calls()).containsExactly(LIST);

        service.subscriptions().community("s1", "2027-01-01T00:00:00Z");
        assertThat(machineGet("/community/license", "m1", "s1").status()).isEqualTo(200);
        assertThat(json(netify.calls().get(2).substring(CREATE.length())).path("entitlements"))
                .isEqualTo(json("[\"netify-proc-aggregator\",\"netify-proc-flow-actions\"]"));
    }

    @Test
    void aCachedLicenseLackingANewlyRequiredEntitlementIsReplaced() {
        String old = netify.license(COMMUNITY, IN_FIVE_DAYS, "netify-proc-aggregator", "netify-proc-flow-actions");
        start(Map.of("NETIFYD_ENTITLEMENTS", "netify-proc-aggregator,netify-proc-flow-actions"));
        assertThat(json(get("/license"))).isEqualTo(netify.license(old));
        service.close();

        start(Map.of("NETIFYD_ENTITLEMENTS", "netify-proc-aggregator,netify-proc-flow-actions,netify-sink-sqlite"));
        Answer answer = get("/license");

        assertThat(netify.calls()).hasSize(4);
        assertThat(netify.calls().subList(0, 3)).containsExactly(LIST, LIST, "DELETE /api/v2/integrator/licenses/" + old);
        assertThat(json(answer).has("netify-sink-sqlite")).isTrue();
        assertThat(json(answer)).isEqualTo(netify.license(netify.serials().get(0)));
    }

    @Test
    void aClaimLeftByAProcessThatDiedDoesNotBlock() throws Exception {
        String serial = netify.license(COMMUNITY, IN_FIVE_DAYS, FOUR);
        start();
        long lapsed = service.parceler().clock().millis() - 1;
        try (java.sql.Connection connection = service.parceler().installation().database().dataSource().getConnection();
                java.sql.Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO netifyd_cache (name, claimed_by, claimed_until) VALUES ('license:" + COMMUNITY
                    + "', 'serve-1-dead', " + lapsed + ")");
        }

        Answer answer = get("/license");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(json(answer)).isEqualTo(netify.license(serial));
        assertThat(netify.calls()).containsExactly(LIST);
    }

    @Test
    void aLicenseIsRenewedOnceHalfOfItsDaysHavePassed() {
        String fresh = netify.license(COMMUNITY, Instant.parse("2026-11-25T00:00:00Z"), FOUR);
        String old = netify.license(ENTERPRISE, Instant.parse("2026-11-24T00:00:00Z"), FOUR);
        start().subscriptions().community("s1", "2027-01-01T00:00:00Z");

        assertThat(json(get("/license"))).as("four days left").isEqualTo(netify.license(fresh));
        Answer renewed = machineGet("/community/license", "m1", "s1");

        assertThat(netify.calls()).containsExactly(LIST, LIST,
                "POST /api/v2/integrator/licenses/" + old + "/renew {\"expire_at\":\"2026-11-27\"}");
        assertThat(renewed.status()).isEqualTo(200);
        assertThat(json(renewed).path("expire_at").path("unix").asLong())
                .isEqualTo(Instant.parse("2026-11-27T00:00:00Z").getEpochSecond());
        assertThat(json(renewed)).isEqualTo(netify.license(old));
    }

    @Test
    void aFailedRenewalOfAValidLicenseIsLoggedAndTheLicenseServed() {
        String serial = netify.license(COMMUNITY, Instant.parse("2026-11-23T00:00:00Z"), FOUR);
        netify.failOn("POST /api/v2/integrator/licenses/" + serial + "/renew", 500);
        start();

        try (CapturedLog log = new CapturedLog()) {
            Answer answer = get("/license");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(json(answer)).isEqualTo(netify.license(serial));
            assertThat(log.text()).contains("could not be renewed, but is still valid until 2026-11-23", "HTTP 500")
                    .doesNotContain(NetifyStandIn.API_KEY);
        }
    }

    @Test
    void aFailedRenewalOfAnExpiredLicenseAnswers503() {
        String serial = netify.license(COMMUNITY, Instant.parse("2026-11-21T00:00:00Z"), FOUR);
        netify.failOn("POST /api/v2/integrator/licenses/" + serial + "/renew", 500);
        start();

        Answer answer = get("/license");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("60");
        assertThat(json(answer).path("message").asText()).startsWith("License has expired and could not be renewed").contains("HTTP 500");
    }

    @Test
    void machinesOfEitherRealmGetTheEnterpriseLicenseWithTheirCredentials() {
        netify.license(COMMUNITY, IN_FIVE_DAYS, FOUR);
        String enterprise = netify.license(ENTERPRISE, IN_FIVE_DAYS, FOUR);
        start().subscriptions().community("s1", "2027-01-01T00:00:00Z").enterprise("m2", "e-secret");

        Answer community = machineGet("/community/license", "m1", "s1");
        Answer fromEnterprise = machineGet("/enterprise/license", "m2", "e-secret");

        assertThat(community.status()).isEqualTo(200);
        assertThat(json(community)).isEqualTo(netify.license(enterprise));
        assertThat(json(fromEnterprise)).isEqualTo(netify.license(enterprise));
        assertThat(netify.calls()).as("one licence, cached for both routes").containsExactly(LIST);
        assertThat(machineGet("/enterprise/license", "m1", "s1").status()).as("community credentials, enterprise realm").isEqualTo(401);
    }

    @Test
    void credentialsAreCheckedAsDownloadsAreWithTheSameCache() {
        netify.license(ENTERPRISE, IN_FIVE_DAYS, FOUR);
        start().subscriptions().community("s1", "2027-01-01T00:00:00Z");
        service.parceler().createRepository("base", 7);
        service.parceler().snapshot("base", "2026-11-20T00:00:00+00:00", Map.of("Packages", "index"));

        Answer none = get("/community/license");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(machineGet("/community/license", "m1", "wrong").status()).isEqualTo(401);
        assertThat(netify.calls()).isEmpty();

        assertThat(service.http().get("/repository/community/base/Packages", "Authorization: " + basic("m1", "s1")).status()).isEqualTo(200);
        assertThat(machineGet("/community/license", "m1", "s1").status()).isEqualTo(200);
        assertThat(service.subscriptions().calls()).as("the download's answer is reused").containsExactly("community wrong", "community s1");

        service.subscriptions().failWith(502);
        Answer unchecked = machineGet("/community/license", "m9", "s9");
        assertThat(unchecked.status()).isEqualTo(503);
        assertThat(unchecked.header("Retry-After")).isEqualTo("60");
    }

    @Test
    void aBurstOfFirewallsMakesOneRefresh() throws Exception {
        start();
        netify.delay(300);
        ExecutorService firewalls = Executors.newFixedThreadPool(16);
        List<Answer> answers = new ArrayList<>();
        try {
            List<Future<Answer>> pending = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                pending.add(firewalls.submit(() -> get("/license")));
            }
            for (Future<Answer> answer : pending) {
                answers.add(answer.get());
            }
        } finally {
            firewalls.shutdownNow();
        }

        assertThat(netify.calls()).hasSize(2).first().isEqualTo(LIST);
        assertThat(netify.calls().get(1)).startsWith(CREATE);
        JsonNode license = netify.license(netify.serials().get(0));
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(json(answer)).isEqualTo(license);
        });
    }

    @Test
    void whenNetifyIsDownTheLastKnownValidLicenseIsServed() {
        String serial = netify.license(COMMUNITY, IN_FIVE_DAYS, FOUR);
        start();
        JsonNode license = json(get("/license"));
        advance(Duration.ofHours(2));

        netify.stop();
        try (CapturedLog log = new CapturedLog()) {
            Answer answer = get("/license");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(json(answer)).isEqualTo(license).isEqualTo(netify.license(serial));
            assertThat(log.text()).contains("serving the answer stored at 2026-11-21T12:00:00Z");
        }

        service.parceler().clock().set(IN_FIVE_DAYS);
        Answer expired = get("/license");
        assertThat(expired.status()).as("an expired licence is not served").isEqualTo(503);
        assertThat(expired.header("Retry-After")).isEqualTo("60");
    }

    @Test
    void whenNetifyFailsWithNothingStored503WithRetryAfterAndNoCallUntilThen() {
        start();
        netify.failWith(500);

        Answer first = get("/license");
        assertThat(first.status()).isEqualTo(503);
        assertThat(first.header("Retry-After")).isEqualTo("60");
        assertThat(first.header("Content-Type")).startsWith("application/json");
        assertThat(json(first).path("message").asText()).isEqualTo("Could not list licenses from netifyd: HTTP 500");

        advance(Duration.ofSeconds(20));
        Answer second = get("/license");
        assertThat(second.status()).isEqualTo(503);
        assertThat(second.header("Retry-After")).isEqualTo("40");
        assertThat(json(second).path("message").asText()).isEqualTo("Could not list licenses from netifyd: HTTP 500");
        assertThat(netify.calls()).containsExactly(LIST);

        netify.failWith(0);
        advance(Duration.ofSeconds(41));
        assertThat(get("/license").status()).isEqualTo(200);
    }

    @Test
    void aWrongApiKeyIsAnUnavailableNetify() {
        start(Map.of("NETIFYD_API_KEY", "not-the-key"));

        Answer answer = get("/license");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(json(answer).path("message").asText()).isEqualTo("Could not list licenses from netifyd: HTTP 401");
    }

    @Test
    void catalogsAreServedAsNetifyGivesThemAndCachedTwelveHours() {
        Map<String, String> catalogs = Map.of(
                "applications/catalog", "[{\"id\":10,\"tag\":\"netify.facebook\",\"label\":\"Facebook\",\"score\":0.75}]",
                "applications/categories", "[{\"id\":3,\"tag\":\"social-media\",\"label\":\"Social Media\"}]",
                "protocols/catalog", "[{\"id\":7,\"tag\":\"HTTP\",\"label\":\"Hypertext Transfer Protocol\"}]",
                "protocols/categories", "{\"web\":{\"id\":1,\"label\":\"Web \\u00e8\"}}");
        catalogs.forEach(netify::catalog);
        start();

        for (Map.Entry<String, String> catalog : catalogs.entrySet()) {
            Answer answer = get("/" + catalog.getKey());
            assertThat(answer.status()).isEqualTo(200);
            assertThat(json(answer)).isEqualTo(json(catalog.getValue()));
        }
        assertThat(netify.calls()).containsExactlyInAnyOrder("GET /api/v2/integrator/applications/catalog?version=5.1",
                "GET /api/v2/integrator/applications/categories?version=5.1", "GET /api/v2/integrator/protocols/catalog?version=5.1",
                "GET /api/v2/integrator/protocols/categories?version=5.1");

        advance(Duration.ofHours(11).plusMinutes(59));
        catalogs.keySet().forEach(path -> assertThat(get("/" + path).status()).isEqualTo(200));
        assertThat(netify.calls()).hasSize(4);

        advance(Duration.ofMinutes(2));
        assertThat(get("/applications/catalog").status()).isEqualTo(200);
        assertThat(netify.calls()).hasSize(5);
    }

    @Test
    void whenNetifyIsDownAStoredCatalogIsServedElse503() {
        netify.catalog("applications/catalog", "[{\"id\":10,\"tag\":\"netify.facebook\"}]");
        start();
        assertThat(get("/applications/catalog").status()).isEqualTo(200);
        advance(Duration.ofHours(13));

        netify.stop();
        Answer stored = get("/applications/catalog");
        Answer never = get("/protocols/catalog");

        assertThat(stored.status()).isEqualTo(200);
        assertThat(json(stored)).isEqualTo(json("[{\"id\":10,\"tag\":\"netify.facebook\"}]"));
        assertThat(never.status()).isEqualTo(503);
        assertThat(never.header("Retry-After")).isEqualTo("60");
        assertThat(json(never).path("message").asText()).startsWith("Could not fetch protocols/catalog from netifyd:");
    }

    @Test
    void withoutAnApiKeyTheRoutesAnswer404AndTheLogSaysSo() {
        try (CapturedLog log = new CapturedLog()) {
            start(Map.of("NETIFYD_API_KEY", ""));

            for (String path : List.of("/license", "/enterprise/license", "/community/license", "/applications/catalog",
                    "/applications/categories", "/protocols/catalog", "/protocols/categories")) {
                assertThat(get(path, "Authorization: " + basic("m1", "s1")).status()).as(path).isEqualTo(404);
            }
            assertThat(log.text()).contains("netifyd API off: NETIFYD_API_KEY is not set");
        }
        assertThat(netify.calls()).isEmpty();
    }

    @Test
    void withAnApiKeyTheLogSaysTheRoutesAreOnWithoutTheKey() {
        try (CapturedLog log = new CapturedLog()) {
            start();
            assertThat(log.text()).contains("netifyd API on at /api/netifyd/*").doesNotContain(NetifyStandIn.API_KEY);
        }
    }

    @Test
    void inMaintenanceTheRoutesAnswer503AsDownloadsDo() {
        netify.license(COMMUNITY, IN_FIVE_DAYS, FOUR);
        start();
        assertThat(service.parceler().run("down", "--retry=120").exitCode()).isZero();

        // Polled on a route that asks Netify nothing, so that no call happens before maintenance shows.
        Eventually.await(Duration.ofSeconds(10), "maintenance reaches HTTP", () -> get("/community/license").status() == 503);
        assertThat(get("/license").status()).isEqualTo(503);
        Answer answer = get("/applications/catalog");
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("120");
        assertThat(netify.calls()).isEmpty();
    }

    @Test
    void twoServeProcessesShareTheCacheAndABurstAcrossThemMakesOneCall() throws Exception {
        start();
        // The other process runs on the real clock: so does this one, and so does the stand-in.
        service.parceler().clock().set(Instant.now());
        netify.useClock(Clock.systemUTC());
        String serial = netify.license(COMMUNITY, Instant.now().plus(Duration.ofDays(5)), FOUR);
        netify.catalog("protocols/catalog", "[{\"id\":7,\"tag\":\"HTTP\"}]");
        int port = NginxServer.freePort();
        Map<String, String> environment = new HashMap<>(service.parceler().environment());
        environment.put("HTTP_PORT", Integer.toString(port));
        try (Background other = Background.start(home, environment, "serve-2", "serve")) {
            Eventually.await(Duration.ofSeconds(60), "the second serve answers", () -> HttpProbe.up(port));
            HttpProbe second = new HttpProbe(port);
            netify.delay(500);

            ExecutorService firewalls = Executors.newFixedThreadPool(16);
            List<Answer> answers = new ArrayList<>();
            try {
                List<Future<Answer>> pending = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    boolean here = i % 2 == 0;
                    pending.add(firewalls.submit(() -> here ? get("/license") : second.get("/api/netifyd/license")));
                }
                for (Future<Answer> answer : pending) {
                    answers.add(answer.get());
                }
            } finally {
                firewalls.shutdownNow();
            }

            JsonNode license = netify.license(serial);
            assertThat(answers).allSatisfy(answer -> {
                assertThat(answer.status()).as(other.log()).isEqualTo(200);
                assertThat(json(answer)).isEqualTo(license);
            });
            assertThat(netify.calls()).containsExactly(LIST);

            Answer fetchedThere = second.get("/api/netifyd/protocols/catalog");
            Answer servedHere = get("/protocols/catalog");
            assertThat(fetchedThere.status()).isEqualTo(200);
            assertThat(json(servedHere)).isEqualTo(json(fetchedThere)).isEqualTo(json("[{\"id\":7,\"tag\":\"HTTP\"}]"));
            assertThat(netify.calls()).containsExactly(LIST, "GET /api/v2/integrator/protocols/catalog?version=5.1");
        }
    }
}
