package dev.parceler.parity;

import static dev.parceler.parity.NetifyParity.COMMUNITY;
import static dev.parceler.parity.NetifyParity.CREATE;
import static dev.parceler.parity.NetifyParity.ENTERPRISE;
import static dev.parceler.parity.NetifyParity.ENTITLEMENTS;
import static dev.parceler.parity.NetifyParity.LIST;
import static dev.parceler.parity.NetifyParity.json;
import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.HttpProbe.Answer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Upstream's {@code tests/Feature/Http/Controllers/NetifyLicenceControllerTest.php}: the licence routes
 * through the real server. Upstream mocks its cache and its Netify client; here Netify is a stand-in
 * on loopback and the cache Parceler's own, so "cached" means "served without a call to Netify".
 */
@ExtendWith(NetifyParity.PerTest.class)
class NetifyLicenceControllerParityIT {
    static final String EMPTY_CREDENTIALS = "Basic credentials with an empty system id or an empty secret get 401 at once";
    static final String NETIFY_FAILS = "When Netify fails and no valid answer is stored, the netifyd routes answer 503";
    /** Valid and not yet due for renewal (upstream's fixtures expire in 2 days, which Parceler would renew). */
    static final Instant IN_FIVE_DAYS = Instant.parse("2026-11-26T12:00:00Z");

    private NetifyParity parity;

    @BeforeEach
    void open(NetifyParity parity) {
        this.parity = parity;
    }

    @Test
    @DisplayName("middleware checking > it cannot access enterprise license without credentials")
    void theRoutesWithCredentialsAnswer401WithTheBasicChallenge() {
        parity.start();
        for (String path : new String[] {"/enterprise/license", "/community/license"}) {
            Answer answer = parity.get(path);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.header("WWW-Authenticate")).startsWith("Basic");
        }
        assertThat(parity.netify.calls()).isEmpty();
    }

    @Test
    @DisplayName("middleware checking > it can access free license without credentials")
    void theCommunityLicenceIsServedWithoutCredentials() {
        String serial = parity.netify.license(COMMUNITY, IN_FIVE_DAYS, ENTITLEMENTS);
        parity.start();

        Answer answer = parity.get("/license");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(json(answer)).isEqualTo(parity.netify.license(serial));
    }

    @Test
    @DisplayName("controller testing > it can access enterprise license with credentials")
    @Differs(EMPTY_CREDENTIALS)
    void aSubscribedMachineGetsTheEnterpriseLicence() {
        String serial = parity.netify.license(ENTERPRISE, IN_FIVE_DAYS, ENTITLEMENTS);
        parity.start();

        assertThat(parity.get("/community/license", "Authorization: " + basic("", "")).status()).as("upstream's empty pair")
                .isEqualTo(401);
        Answer answer = parity.machineGet("/community/license");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(json(answer)).isEqualTo(parity.netify.license(serial));
    }

    @Test
    @DisplayName("controller testing > it serves correctly cache if present and not expired")
    void aStoredLicenceIsServedWithoutAskingNetify() {
        parity.netify.license(ENTERPRISE, IN_FIVE_DAYS, ENTITLEMENTS);
        parity.start();
        Answer first = parity.machineGet("/community/license");

        parity.advance(Duration.ofMinutes(30));
        Answer second = parity.machineGet("/community/license");

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.text()).isEqualTo(first.text());
        assertThat(parity.netify.calls()).containsExactly(LIST);
    }

    @Test
    @DisplayName("controller testing > it throws away the cache if license is expired")
    void anExpiredStoredLicenceIsAskedForAgain() {
        String old = parity.netify.license(ENTERPRISE, Instant.parse("2026-11-22T06:00:00Z"), ENTITLEMENTS);
        parity.netify.failOn("POST /api/v2/integrator/licenses/" + old + "/renew", 500);
        parity.start();
        assertThat(parity.machineGet("/community/license").status()).isEqualTo(200);

        parity.advance(Duration.ofDays(1));
        parity.netify.failOn("POST /api/v2/integrator/licenses/" + old + "/renew", 0);
        Answer answer = parity.machineGet("/community/license");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(json(answer).path("expire_at").path("unix").asLong()).as("the renewed licence, not the expired one")
                .isGreaterThan(parity.now().getEpochSecond());
        assertThat(parity.netify.calls()).filteredOn(call -> call.equals(LIST)).hasSize(2);
    }

    @Test
    @DisplayName("controller testing > it handles errors from netifyd server")
    @Differs(NETIFY_FAILS)
    void aFailingNetifyIs503WithItsMessage() {
        parity.start();
        parity.netify.failWith(500);

        Answer answer = parity.machineGet("/community/license");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("60");
        assertThat(json(answer).path("message").asText()).isEqualTo("Could not list licenses from netifyd: HTTP 500");
    }

    @Test
    @DisplayName("controller testing > it list licenses")
    void theEditionsLicenceIsFoundAmongNetifysAndStored() {
        parity.netify.license(COMMUNITY, IN_FIVE_DAYS, ENTITLEMENTS);
        String serial = parity.netify.license(ENTERPRISE, IN_FIVE_DAYS, ENTITLEMENTS);
        parity.start();

        Answer answer = parity.machineGet("/community/license");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(json(answer)).isEqualTo(parity.netify.license(serial));
        assertThat(parity.netify.calls()).containsExactly(LIST);
        assertThat(parity.machineGet("/community/license").text()).as("stored").isEqualTo(answer.text());
        assertThat(parity.netify.calls()).containsExactly(LIST);
    }

    @Test
    @DisplayName("controller testing > it license not found")
    void aMissingLicenceThatCannotBeCreatedIsAServerError() {
        parity.start();
        parity.netify.failOn(CREATE.trim(), 500);

        Answer answer = parity.machineGet("/community/license");

        assertThat(answer.status() / 100).isEqualTo(5);
        assertThat(json(answer).path("message").asText()).isEqualTo("Could not create license on netifyd: HTTP 500");
        assertThat(parity.netify.calls()).hasSize(2).first().isEqualTo(LIST);
    }

    @Test
    @DisplayName("controller testing > it cannot create new license")
    @Differs({EMPTY_CREDENTIALS, NETIFY_FAILS})
    void aLicenceThatCannotBeCreatedIs503WithTheMessage() {
        parity.start();
        parity.netify.failOn(CREATE.trim(), 500);

        assertThat(parity.get("/community/license", "Authorization: " + basic("", "")).status()).isEqualTo(401);
        Answer answer = parity.machineGet("/community/license");
        assertThat(answer.status()).isEqualTo(503);
        assertThat(json(answer).path("message").asText()).isEqualTo("Could not create license on netifyd: HTTP 500");
    }

    @Test
    @DisplayName("controller testing > it renews older license")
    void aLicenceDueForRenewalIsRenewed() {
        String serial = parity.netify.license(ENTERPRISE, Instant.parse("2026-11-22T12:00:00Z"), ENTITLEMENTS);
        parity.start();

        Answer answer = parity.machineGet("/community/license");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(parity.netify.calls()).containsExactly(LIST, "POST /api/v2/integrator/licenses/" + serial + "/renew"
                + " {\"expire_at\":\"2026-11-27\"}");
        assertThat(json(answer)).isEqualTo(parity.netify.license(serial));
    }

    @Test
    @DisplayName("controller testing > it cannot renew license, but it's not expired")
    void aValidLicenceThatCannotBeRenewedIsServed() {
        String serial = parity.netify.license(ENTERPRISE, Instant.parse("2026-11-22T12:00:00Z"), ENTITLEMENTS);
        parity.netify.failOn("POST /api/v2/integrator/licenses/" + serial + "/renew", 500);
        parity.start();

        Answer answer = parity.machineGet("/community/license");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(json(answer)).isEqualTo(parity.netify.license(serial));
    }

    @Test
    @DisplayName("controller testing > it cannot renew license, but it's expired")
    @Differs(NETIFY_FAILS)
    void anExpiredLicenceThatCannotBeRenewedIs503() {
        String serial = parity.netify.license(ENTERPRISE, Instant.parse("2026-11-20T12:00:00Z"), ENTITLEMENTS);
        parity.netify.failOn("POST /api/v2/integrator/licenses/" + serial + "/renew", 500);
        parity.start();

        Answer answer = parity.machineGet("/community/license");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(json(answer).path("message").asText())
                .isEqualTo("License has expired and could not be renewed: Could not renew license on netifyd: HTTP 500");
    }
}
