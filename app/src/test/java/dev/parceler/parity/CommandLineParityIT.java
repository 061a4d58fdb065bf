package dev.parceler.parity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.repository.Repository;
import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.TestInstallations;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Upstream's {@code tests/Feature/CommandLineTest.php}, through Parceler's console. */
@ExtendWith(TestInstallations.class)
class CommandLineParityIT {
    private TestInstallation parceler;

    @BeforeEach
    void open(TestInstallation parceler) {
        this.parceler = parceler;
    }

    @Test
    @DisplayName("it can sync repositories as parameter")
    void syncsTheNamedRepositoriesAndSaysWhichIsUnknown() {
        parceler.createRepository("first", 7);
        parceler.createRepository("second", 7);

        ConsoleResult result = parceler.run("repository:sync", "first", "second", "test");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.outLines()).containsExactly("Dispatching sync for 'first'.", "Dispatching sync for 'second'.");
        assertThat(result.errLines()).containsExactly("Repository 'test' not found.");
        assertThat(parceler.jobNames("ENQUEUED")).containsExactlyInAnyOrder("sync first", "sync second");
    }

    @Test
    @DisplayName("it can create a repository through cli")
    void createsARepositoryAskingUpstreamsQuestions() {
        ConsoleResult now = parceler.runAnswering("base\nrclone sync upstream: x\npackages\n3\nyes\n", "repository:create");

        assertThat(now.exitCode()).as(now.toString()).isZero();
        assertThat(now.out()).containsSubsequence("What is the name of the repository?",
                "Provide the command to be ran to sync this repository.", "Provide the folder where the data is.",
                "Please provide how much time the repository must be kept back from upstream.",
                "Do you want to sync the repository now?");
        Repository base = parceler.installation().repositoryComponents().repositories().get("base");
        assertThat(base.command()).isEqualTo("rclone sync upstream: x");
        assertThat(base.subDir()).contains("packages");
        assertThat(base.delay()).isEqualTo(3);
        assertThat(parceler.jobNames("ENQUEUED")).containsExactly("sync base");

        ConsoleResult later = parceler.runAnswering("other\ntrue\nfiles\n1\nno\n", "repository:create");

        assertThat(later.exitCode()).as(later.toString()).isZero();
        assertThat(parceler.installation().repositoryComponents().repositories().get("other").subDir()).isEqualTo(Optional.of("files"));
        assertThat(parceler.jobNames("ENQUEUED")).as("no sync asked for the second").containsExactly("sync base");
    }

    @Test
    @DisplayName("it can list repositories")
    @Differs("`repo:list` shows `(none)` as the serving directory of a repository with no snapshot yet")
    void listsRepositoriesWithUpstreamsColumns() {
        parceler.createRepository("test", 1);

        ConsoleResult listed = parceler.run("repository:list");

        assertThat(listed.exitCode()).isZero();
        assertThat(listed.out()).contains("| Name | Delay (in days) | Repo Frozen | Serving Directory | Source Folder |")
                .containsPattern("\\| test +\\| 1 +\\| No +\\| \\(none\\) +\\|");

        parceler.snapshot("test", "2026-11-21T00:00:00+00:00");
        assertThat(parceler.run("repository:list").out()).containsPattern("\\| test +\\| 1 +\\| No +\\| snapshots/test/2026-11-21T00:00:00\\+00:00 +\\|");
    }
}
