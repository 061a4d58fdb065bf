package dev.parceler.parity;

import static dev.parceler.parity.NetifyParity.COMMUNITY;
import static dev.parceler.parity.NetifyParity.CREATE;
import static dev.parceler.parity.NetifyParity.ENTERPRISE;
import static dev.parceler.parity.NetifyParity.ENTITLEMENTS;
import static dev.parceler.parity.NetifyParity.LIST;
import static dev.parceler.parity.NetifyParity.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.CapturedLog;
import dev.parceler.testing.HttpProbe.Answer;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Upstream's {@code tests/Feature/Logic/NetifydLicenceRepositoryTest.php}: the calls made to Netify for
 * licences and the texts of their failures, seen from Netify's side and in the answers and the log.
 */
@ExtendWith(NetifyParity.PerTest.class)
class NetifydLicenceRepositoryParityIT {
    static final Instant IN_FIVE_DAYS = Instant.parse("2026-11-26T12:00:00Z");
    /** Due for renewal (less than half of its 7 days left) yet valid. */
    static final Instant TOMORROW = Instant.parse("2026-11-22T12:00:00Z");

    private NetifyParity parity;

    @BeforeEach
    void open(NetifyParity parity) {
        this.parity = parity;
    }

    private String message(Answer answer) {
        return json(answer).path("message").asText();
    }

    @Test
    @DisplayName("it list license")
    void licencesAreListedInNetifydsFormatWithTheKey() {
        String serial = parity.netify.license(COMMUNITY, IN_FIVE_DAYS, ENTITLEMENTS);
        parity.start();

        Answer answer = parity.get("/license");

        // The stand-in answers 401 to a call without the key.
        assertThat(answer.status()).isEqualTo(200);
        assertThat(parity.netify.calls()).containsExactly(LIST);
        assertThat(json(answer)).isEqualTo(parity.netify.license(serial));
    }

    @Test
    @DisplayName("it handles listing license server errors")
    void aFailedListingIsTheLaravelApplicationsText() {
        parity.start();
        parity.netify.failWith(500);

        assertThat(message(parity.get("/license"))).startsWith("Could not list licenses from netifyd:");
    }

    @Test
    @DisplayName("it handles failing to create a license")
    void aFailedCreationIsTheLaravelApplicationsTextForBothEditions() {
        parity.start();
        parity.netify.failOn(CREATE.trim(), 500);

        assertThat(message(parity.get("/license"))).startsWith("Could not create license on netifyd:");
        assertThat(message(parity.machineGet("/enterprise/license"))).startsWith("Could not create license on netifyd:");
    }

    @Test
    @DisplayName("it handles failing to renew license")
    void aFailedRenewalIsTheLaravelApplicationsTextForBothEditions() {
        String community = parity.netify.license(COMMUNITY, TOMORROW, ENTITLEMENTS);
        String enterprise = parity.netify.license(ENTERPRISE, TOMORROW, ENTITLEMENTS);
        parity.netify.failOn("POST /api/v2/integrator/licenses/" + community + "/renew", 500);
        parity.netify.failOn("POST /api/v2/integrator/licenses/" + enterprise + "/renew", 500);
        try (CapturedLog log = new CapturedLog()) {
            parity.start();

            assertThat(parity.get("/license").status()).as("still valid: served").isEqualTo(200);
            assertThat(parity.machineGet("/enterprise/license").status()).isEqualTo(200);

            assertThat(log.text()).contains("'" + COMMUNITY + "' (" + community + ") could not be renewed, but is still valid until"
                    + " 2026-11-22: Could not renew license on netifyd: HTTP 500");
            assertThat(log.text()).contains("'" + ENTERPRISE + "' (" + enterprise + ") could not be renewed, but is still valid until"
                    + " 2026-11-22: Could not renew license on netifyd: HTTP 500");
        }
    }

    @Test
    @DisplayName("it returns configured entitlements")
    void aLicenceIsCreatedWithTheConfiguredEntitlements() {
        parity.start();

        assertThat(parity.get("/license").status()).isEqualTo(200);

        assertThat(parity.netify.calls()).hasSize(2);
        assertThat(json(parity.netify.calls().get(1).substring(CREATE.length())).path("entitlements"))
                .isEqualTo(json("[\"netify-proc-aggregator\",\"netify-proc-flow-actions\",\"netify-proc-dev-discovery\",\"netify-sink-sqlite\"]"));
    }

    @Test
    @DisplayName("it detects when entitlements have changed")
    void aLicenceLackingAnEntitlementIsReplaced() {
        String old = parity.netify.license(COMMUNITY, IN_FIVE_DAYS, "netify-proc-aggregator");
        parity.start();

        assertThat(parity.get("/license").status()).isEqualTo(200);

        assertThat(parity.netify.calls()).hasSize(3).startsWith(LIST, "DELETE /api/v2/integrator/licenses/" + old);
        assertThat(parity.netify.serials()).doesNotContain(old).hasSize(1);
    }

    @Test
    @DisplayName("it detects when entitlements have not changed")
    void aLicenceWithEveryEntitlementIsKept() {
        String serial = parity.netify.license(COMMUNITY, IN_FIVE_DAYS, ENTITLEMENTS);
        parity.start();

        assertThat(parity.get("/license").status()).isEqualTo(200);

        assertThat(parity.netify.calls()).containsExactly(LIST);
        assertThat(parity.netify.serials()).containsExactly(serial);
    }

    @Test
    @DisplayName("it deletes a license")
    void aLicenceIsDeletedByItsSerialWithTheKey() {
        String old = parity.netify.license(COMMUNITY, IN_FIVE_DAYS, "netify-proc-aggregator");
        parity.start();

        parity.get("/license");

        assertThat(parity.netify.calls()).contains("DELETE /api/v2/integrator/licenses/" + old);
        assertThat(parity.netify.license(old)).as("deleted on Netify").isNull();
    }

    @Test
    @DisplayName("it handles failing to delete license")
    void aFailedDeletionIsTheLaravelApplicationsText() {
        String old = parity.netify.license(COMMUNITY, IN_FIVE_DAYS, "netify-proc-aggregator");
        parity.netify.failOn("DELETE", 500);
        parity.start();

        assertThat(message(parity.get("/license")))
                .isEqualTo("Could not refresh license due to entitlements change: Could not delete license on netifyd: HTTP 500");
        assertThat(parity.netify.license(old)).isNotNull();
    }
}
