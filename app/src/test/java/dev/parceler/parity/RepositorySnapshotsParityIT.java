package dev.parceler.parity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.TestInstallation;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upstream's {@code tests/Feature/Console/RepositorySnapshotsTest.php}. */
class RepositorySnapshotsParityIT {
    @TempDir
    Path home;
    private TestInstallation parceler;

    @AfterEach
    void close() {
        parceler.close();
    }

    @Test
    @DisplayName("test can list snapshots for a repository")
    void listsEachSnapshotFolderAndWhetherItIsServed() {
        parceler = TestInstallation.in(home);
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
