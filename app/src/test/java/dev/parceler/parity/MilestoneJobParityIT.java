package dev.parceler.parity;

import static dev.parceler.parity.ParityConsole.atom;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.HttpProbe.Answer;
import dev.parceler.testing.RunningService;
import dev.parceler.testing.Trees;
import dev.parceler.worker.TestWorker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upstream's {@code tests/Feature/Http/MilestoneJobTest.php}: {@code POST /repository/{name}/release} and the job it queues. */
class MilestoneJobParityIT {
    static final String TOKEN = "release-token-5e1f";

    @TempDir
    Path home;
    private RunningService service;

    @BeforeEach
    void start() {
        service = RunningService.start(home, Map.of("REPOSITORY_RELEASE_TOKEN", TOKEN));
        service.parceler().createRepository("base", 7);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    @DisplayName("it cannot access route without auth")
    void withoutTheTokenTheRouteAnswers401WithTheBearerChallenge() {
        for (Answer answer : new Answer[] {service.http().post("/repository/base/release"),
                service.http().post("/repository/base/release", "Authorization: Bearer random")}) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
        }
        assertThat(service.parceler().jobNames(null)).isEmpty();
    }

    @Test
    @DisplayName("it will dispatch a Release job")
    void theTokenQueuesARelease() {
        assertThat(service.http().post("/repository/base/release", "Authorization: Bearer " + TOKEN).status()).isEqualTo(200);
        assertThat(service.parceler().jobNames("ENQUEUED")).containsExactly("release base");
    }

    @Test
    @DisplayName("it cannot dispatch a Release job for a non-existent repository")
    void anUnknownRepositoryIs404() {
        assertThat(service.http().post("/repository/non-existent/release", "Authorization: Bearer " + TOKEN).status()).isEqualTo(404);
        assertThat(service.parceler().jobNames(null)).isEmpty();
    }

    @Test
    @DisplayName("test dispatch Release")
    @Differs("A release does not freeze the repository on the newest snapshot")
    void theReleaseServesItsNewSnapshotAndDeletesTheOldTimestampedOnes() throws Exception {
        String older = atom(Duration.ofHours(2));
        String old = atom(Duration.ofHours(1));
        service.parceler().snapshot("base", older);
        service.parceler().snapshot("base", old);
        service.parceler().snapshot("base", "other-dir");

        TestWorker.on(service.parceler()).release("base", UUID.randomUUID());

        assertThat(service.parceler().installation().repositoryComponents().repositories().get("base").freeze()).isEmpty();
        assertThat(service.parceler().run("repo:snapshots", "base").out()).contains("| " + atom(Duration.ZERO) + " | Yes    |");
        assertThat(Trees.names(service.parceler().storageRoot().resolve("snapshots/base")))
                .as("the one served until the release is kept as the way back; a folder made by hand stays")
                .containsExactly(older, atom(Duration.ZERO), "other-dir");
    }
}
