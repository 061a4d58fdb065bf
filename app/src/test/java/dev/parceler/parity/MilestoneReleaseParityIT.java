package dev.parceler.parity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.TestInstallations;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Upstream's {@code tests/Feature/Console/MilestoneReleaseTest.php}: {@code repository:release} on the console. */
@ExtendWith(TestInstallations.class)
class MilestoneReleaseParityIT {
    private TestInstallation parceler;

    @BeforeEach
    void open(TestInstallation parceler) {
        this.parceler = parceler;
    }

    @Test
    @DisplayName("it cannot release without a name")
    void aReleaseWithoutANameFails() {
        ConsoleResult result = parceler.run("repository:release");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("Missing required parameter: '<name>'");
        assertThat(parceler.jobNames(null)).isEmpty();
    }

    @Test
    @DisplayName("it cannot release for a non-existing repository")
    void aReleaseOfAnUnknownRepositoryFails() {
        parceler.refuses("Repository 'non-existing-repo' not found.", "repository:release", "non-existing-repo");
        assertThat(parceler.jobNames(null)).isEmpty();
    }

    @Test
    @DisplayName("it ensure Release job is dispatched")
    void aReleaseIsQueuedForTheRepository() {
        parceler.createRepository("base", 7);

        ConsoleResult result = parceler.run("repository:release", "base");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.outLines()).containsExactly("Release for base dispatched.");
        assertThat(parceler.jobNames("ENQUEUED")).containsExactly("release base");
    }
}
