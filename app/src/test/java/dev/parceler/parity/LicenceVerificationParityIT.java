package dev.parceler.parity;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.HttpProbe.Answer;
import dev.parceler.testing.RunningService;
import dev.parceler.testing.SubscriptionStandIn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upstream's {@code tests/Feature/Logic/LicenceVerificationTest.php}: the subscription checks, seen as
 * a machine sees them (its downloads) and as the subscription service does (the stand-in's calls).
 */
class LicenceVerificationParityIT {
    static final String SYSTEM_ID = "6f1c3a52-8a43-4f0e-9d0b-2b7e4c1d9a10";
    static final String SECRET = "p4ss-w0rd";
    static final String SERVICE_FAILS = "When the subscription service fails (an error status, no answer in time) or answers without"
            + " a `subscription.valid_until`, a machine with nothing valid cached gets 503";

    @TempDir
    Path home;
    private RunningService service;

    @BeforeEach
    void start() {
        service = RunningService.start(home, Map.of());
        service.parceler().createRepository("base", 7);
        service.parceler().snapshot("base", ParityConsole.daysAgo(0), Map.of("Packages", "Package: base-files\n"));
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private SubscriptionStandIn subscriptions() {
        return service.subscriptions();
    }

    private Answer download(String realm) {
        return service.http().get("/repository/" + realm + "/base/Packages", "Authorization: " + basic(SYSTEM_ID, SECRET));
    }

    @Test
    @DisplayName("enterprise licence verification > it should return true if cache is hit")
    void aCachedEnterpriseAnswerMakesNoCall() {
        subscriptions().enterprise(SYSTEM_ID, SECRET);
        assertThat(download("enterprise").status()).isEqualTo(200);

        service.parceler().clock().advance(Duration.ofHours(1));
        assertThat(download("enterprise").status()).isEqualTo(200);

        assertThat(subscriptions().calls()).hasSize(1);
    }

    @Test
    @DisplayName("enterprise licence verification > it should call the endpoint and cache the response")
    void theEnterpriseServiceIsAskedWithTheMachinesBasicPair() {
        subscriptions().enterprise(SYSTEM_ID, SECRET);

        assertThat(download("enterprise").status()).isEqualTo(200);

        assertThat(subscriptions().calls()).containsExactly("enterprise " + SYSTEM_ID + ":" + SECRET);
        assertThat(service.parceler().databaseContent()).anyMatch(row -> row.startsWith("authorization_cache: enterprise"));
    }

    @Test
    @DisplayName("enterprise licence verification > it can handle upstream server exceptions")
    @Differs(SERVICE_FAILS)
    void aFailingEnterpriseServiceIs503() {
        subscriptions().failWith(500);

        Answer answer = download("enterprise");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("60");
    }

    @Test
    @DisplayName("enterprise licence verification > it can handle http exceptions")
    @Differs(SERVICE_FAILS)
    void anUnreachableEnterpriseServiceIs503() {
        subscriptions().stop();

        assertThat(download("enterprise").status()).isEqualTo(503);
    }

    @Test
    @DisplayName("community licence verification > it should hit cache")
    void aCachedCommunityAnswerMakesNoCall() {
        subscriptions().community(SECRET, "2026-11-22T12:00:00Z");
        assertThat(download("community").status()).isEqualTo(200);

        service.parceler().clock().advance(Duration.ofHours(1));
        assertThat(download("community").status()).isEqualTo(200);

        assertThat(subscriptions().calls()).containsExactly("community " + SECRET);
    }

    @Test
    @DisplayName("community licence verification > it should call the endpoint and cache the response")
    void aValidCommunityAnswerIsKeptUntilItsValidUntil() {
        subscriptions().community(SECRET, "2026-11-22T12:00:00Z");

        assertThat(download("community").status()).isEqualTo(200);
        service.parceler().clock().advance(Duration.ofHours(23));
        assertThat(download("community").status()).isEqualTo(200);
        assertThat(subscriptions().calls()).hasSize(1);

        service.parceler().clock().advance(Duration.ofHours(2));
        download("community");
        assertThat(subscriptions().calls()).as("asked again once valid_until passed").hasSize(2);
    }

    @Test
    @DisplayName("community licence verification > it should receive an expired response")
    void anExpiredCommunitySubscriptionIsRefused() {
        subscriptions().community(SECRET, "2026-11-20T12:00:00Z");

        Answer answer = download("community");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).startsWith("Basic");
    }

    @Test
    @DisplayName("community licence verification > it can handle upstream server exceptions")
    @Differs(SERVICE_FAILS)
    void aFailingCommunityServiceIs503() {
        subscriptions().failWith(500);

        Answer answer = download("community");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("60");
    }

    @Test
    @DisplayName("community licence verification > it can handle http exceptions")
    @Differs(SERVICE_FAILS)
    void anUnreachableCommunityServiceIs503() {
        subscriptions().stop();

        assertThat(download("community").status()).isEqualTo(503);
    }

    @Test
    @DisplayName("community licence verification > it can handle invalid response from server")
    @Differs(SERVICE_FAILS)
    void aCommunityAnswerWithoutValidUntilIsNeverCached() {
        subscriptions().answerWith(new SubscriptionStandIn.Answer(200, "application/json", "{\"subscription\":{}}"));

        assertThat(download("community").status()).isEqualTo(503);
        assertThat(download("community").status()).isEqualTo(503);

        assertThat(subscriptions().calls()).as("not cached: asked again").hasSize(2);
        assertThat(service.parceler().databaseContent()).noneMatch(row -> row.startsWith("authorization_cache:"));
    }
}
