package dev.parceler.auth;

import dev.parceler.digest.Sha256;
import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.HttpProbe.Answer;
import dev.parceler.testing.RunningService;
import dev.parceler.testing.Trees;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subscription checks through the real server against a local stand-in of the services. */
class AuthorizationIT {
    static final String COMMUNITY = "/repository/community/base/Packages";
    static final String ENTERPRISE = "/repository/enterprise/base/Packages";

    @TempDir
    Path home;
    private RunningService service;

    private RunningService start(Map<String, String> environment) {
        service = RunningService.start(home, environment);
        service.parceler().createRepository("base", 7);
        service.parceler().snapshot("base", "2026-11-20T00:00:00+00:00", Map.of("Packages", "index"));
        return service;
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    private Answer get(String target, String user, String secret) {
        return service.http().get(target, "Authorization: " + basic(user, secret));
    }

    @Test
    void aCacheHitMakesNoUpstreamCall() {
        start(Map.of()).subscriptions().community("s1", "2027-01-01T00:00:00Z");

        assertThat(get(COMMUNITY, "m1", "s1").status()).isEqualTo(200);
        assertThat(get(COMMUNITY, "m1", "s1").status()).isEqualTo(200);

        assertThat(service.subscriptions().calls()).containsExactly("community s1");
    }

    @Test
    void anotherSecretForTheSameSystemIdIsCheckedAgain() {
        start(Map.of()).subscriptions().community("s1", "2027-01-01T00:00:00Z");
        assertThat(get(COMMUNITY, "m1", "s1").status()).isEqualTo(200);

        assertThat(get(COMMUNITY, "m1", "stolen-id-wrong-secret").status()).isEqualTo(401);
        assertThat(service.subscriptions().calls()).containsExactly("community s1", "community stolen-id-wrong-secret");
    }

    @Test
    void aCommunityAnswerNeverAuthorizesEnterprise() {
        start(Map.of()).subscriptions().community("s1", "2027-01-01T00:00:00Z");
        assertThat(get(COMMUNITY, "m1", "s1").status()).isEqualTo(200);

        assertThat(get(ENTERPRISE, "m1", "s1").status()).isEqualTo(401);
        assertThat(service.subscriptions().calls()).containsExactly("community s1", "enterprise m1:s1");
    }

    @Test
    void enterpriseIsAuthorizedForTwoDays() throws Exception {
        start(Map.of()).subscriptions().enterprise("m2", "e-secret");

        assertThat(get(ENTERPRISE, "m2", "e-secret").status()).isEqualTo(200);
        assertThat(cachedExpiry("enterprise")).isEqualTo(service.parceler().clock().instant().plus(Duration.ofDays(2)).toEpochMilli());
    }

    @Test
    void communityIsCachedUntilValidUntilAndRefusedWhenPast() throws Exception {
        start(Map.of()).subscriptions().community("s1", "2026-12-01T00:00:00Z").community("expired", "2026-11-01");

        assertThat(get(COMMUNITY, "m1", "s1").status()).isEqualTo(200);
        assertThat(cachedExpiry("community")).isEqualTo(java.time.Instant.parse("2026-12-01T00:00:00Z").toEpochMilli());
        assertThat(get(COMMUNITY, "m3", "expired").status()).isEqualTo(401);
    }

    @Test
    void theSecretIsNeverStored() throws Exception {
        start(Map.of()).subscriptions().community("very-secret-value", "2027-01-01T00:00:00Z");
        get(COMMUNITY, "m1", "very-secret-value");

        assertThat(service.parceler().databaseContent()).isNotEmpty().noneMatch(row -> row.contains("very-secret-value"));
        assertThat(Trees.names(home)).allSatisfy(name -> assertThat(name).doesNotContain("very-secret-value"));
    }

    @Test
    void refusalsAreRememberedForTheConfiguredTime() {
        start(Map.of("AUTH_REFUSAL_TTL", "60"));

        assertThat(get(COMMUNITY, "m1", "bad").status()).isEqualTo(401);
        assertThat(get(COMMUNITY, "m1", "bad").status()).isEqualTo(401);
        assertThat(service.subscriptions().calls()).hasSize(1);

        service.parceler().clock().advance(Duration.ofSeconds(61));
        assertThat(get(COMMUNITY, "m1", "bad").status()).isEqualTo(401);
        assertThat(service.subscriptions().calls()).hasSize(2);
    }

    @Test
    void concurrentFirstRequestsOfOneMachineMakeOneCall() throws Exception {
        start(Map.of()).subscriptions().community("s1", "2027-01-01T00:00:00Z");
        service.subscriptions().delay(500);
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(clients.submit(() -> get(COMMUNITY, "m1", "s1")));
            }
            for (Future<Answer> answer : answers) {
                assertThat(answer.get().status()).isEqualTo(200);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(service.subscriptions().calls()).containsExactly("community s1");
    }

    @Test
    void duringAnOutageCachedMachinesAreServedOthersGet503() {
        start(Map.of()).subscriptions().community("s1", "2027-01-01T00:00:00Z").community("s2", "2027-01-01T00:00:00Z");
        assertThat(get(COMMUNITY, "m1", "s1").status()).isEqualTo(200);

        service.subscriptions().failWith(502);
        Answer cached = get(COMMUNITY, "m1", "s1");
        Answer uncached = get(COMMUNITY, "m2", "s2");

        assertThat(cached.status()).isEqualTo(200);
        assertThat(uncached.status()).isEqualTo(503);
        assertThat(uncached.header("Retry-After")).isEqualTo("60");

        service.subscriptions().stop();
        assertThat(get(COMMUNITY, "m3", "s3").status()).as("unreachable").isEqualTo(503);
        assertThat(get(COMMUNITY, "m1", "s1").status()).isEqualTo(200);
    }

    @Test
    void theCredentialsFileModeAuthorizesListedMachines() {
        Path file = home.resolve("credentials");
        Trees.write(file, "# realm:system_id:secret\ncommunity:m1:plain-secret\nenterprise:m2:sha256:"
                + Sha256.hex("hashed-secret") + "\n");
        start(Map.of("COMMUNITY_AUTH", "file", "ENTERPRISE_AUTH", "file", "AUTH_CREDENTIALS_FILE", file.toString()));

        assertThat(get(COMMUNITY, "m1", "plain-secret").status()).isEqualTo(200);
        assertThat(get(COMMUNITY, "m1", "wrong").status()).isEqualTo(401);
        assertThat(get(ENTERPRISE, "m2", "hashed-secret").status()).isEqualTo(200);
        assertThat(get(ENTERPRISE, "m1", "plain-secret").status()).isEqualTo(401);
        assertThat(service.subscriptions().calls()).isEmpty();
    }

    @Test
    void openModeLetsAnyCredentialsInButStillAsksForThem() {
        start(Map.of("COMMUNITY_AUTH", "open"));

        assertThat(get(COMMUNITY, "anyone", "anything").status()).isEqualTo(200);
        assertThat(service.http().get(COMMUNITY).status()).isEqualTo(401);
        assertThat(get(ENTERPRISE, "anyone", "anything").status()).as("enterprise still asks its service").isEqualTo(401);
    }

    private long cachedExpiry(String realm) throws Exception {
        try (Connection connection = service.parceler().installation().database().dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT expires_at FROM authorization_cache WHERE realm = '" + realm + "'")) {
            assertThat(row.next()).isTrue();
            return row.getLong(1);
        }
    }
}
