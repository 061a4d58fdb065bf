package dev.parceler.parity;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.HttpProbe.Answer;
import dev.parceler.testing.RunningService;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upstream's {@code tests/Feature/Http/Controllers/RepositoryControllerTest.php}: downloads through the real server. */
class RepositoryControllerParityIT {
    static final String UUID = "0a5d7e0c-56b5-4c47-9f8e-2d3c2b6f1e01";
    static final String FILE = "/packages/x86_64/base/Packages";

    @TempDir
    Path home;
    private RunningService service;

    @BeforeEach
    void start() {
        service = RunningService.start(home, Map.of());
        service.parceler().createRepository("base", 7);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private Answer get(String realm, String... headers) {
        return service.http().get("/repository/" + realm + "/base" + FILE, headers);
    }

    @Test
    @DisplayName("it cannot access route without base auth")
    void withoutCredentialsBothRealmsAnswer401WithTheBasicChallenge() {
        for (String realm : new String[] {"enterprise", "community"}) {
            Answer answer = get(realm);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.header("WWW-Authenticate")).startsWith("Basic");
        }
        assertThat(service.subscriptions().calls()).isEmpty();
    }

    @Test
    @DisplayName("valid licence provided > it downloads file")
    @Differs("Basic credentials with an empty system id or an empty secret get 401 at once, without asking the subscription"
            + " service (the Laravel application passes them on to its check).")
    void aValidSubscriptionDownloadsTheServedSnapshotsFile() {
        service.parceler().snapshot("base", ParityConsole.daysAgo(0), Map.of(FILE.substring(1), "Package: base-files\n"));
        service.subscriptions().community("s3cret", "2099-01-01T00:00:00Z");

        assertThat(get("community", "Authorization: " + basic(UUID, "")).status()).as("upstream's empty secret").isEqualTo(401);
        assertThat(service.subscriptions().calls()).isEmpty();

        // Upstream's fake disk gives temporary URLs, so its test sees a redirect; its local disk sends the file, as here
        // (on the s3 disk Parceler redirects too).
        Answer answer = get("community", "Authorization: " + basic(UUID, "s3cret"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text()).isEqualTo("Package: base-files\n");
    }

    @Test
    @DisplayName("valid licence provided > it returns not found if file missing")
    void aValidSubscriptionGets404ForAMissingFile() {
        service.subscriptions().enterprise(UUID, "s3cret");

        assertThat(get("enterprise", "Authorization: " + basic(UUID, "s3cret")).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("it unauthorized if licence check fails")
    void aRefusedSubscriptionGets401InBothRealms() {
        service.parceler().snapshot("base", ParityConsole.daysAgo(0), Map.of(FILE.substring(1), "Package: base-files\n"));

        assertThat(get("community", "Authorization: " + basic(UUID, "not-subscribed")).status()).isEqualTo(401);
        assertThat(get("enterprise", "Authorization: " + basic(UUID, "not-subscribed")).status()).isEqualTo(401);
        assertThat(service.subscriptions().calls()).hasSize(2);
    }
}
