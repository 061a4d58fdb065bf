package dev.parceler.parity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.TestInstallations;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Upstream's {@code tests/Feature/Console/RepositorySnapshotsTest.php}. */
@ExtendWith(TestInstallations.class)
class RepositorySnapshotsParityIT {
    @Test
    @DisplayName("test can list snapshots for a repository")
    void listsEachSnapshotFolderAndWhetherItIsServed(TestInstallation parceler) {
        parceler.createRepository("base", 7);
        for (int i = 1; i <= 4; i++) {
            parceler.snapshot("base", "snapshot" + i);
        }

        ConsoleResult listed = parceler.run("repository:snapshots", "base");

        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(listed.outLines()).containsExactly(
                "+-----------+--------+",
                "| Snapshot  | Active |",
                "+-----------+--------+",
                "| snapshot1 | No     |",
                "| snapshot2 | No     |",
                "| snapshot3 | No     |",
                "| snapshot4 | No     |",
                "+-----------+--------+");
    }
}
