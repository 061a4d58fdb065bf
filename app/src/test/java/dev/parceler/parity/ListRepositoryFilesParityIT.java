package dev.parceler.parity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.TestInstallations;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Upstream's {@code tests/Feature/Console/ListRepositoryFilesTest.php}. */
@ExtendWith(TestInstallations.class)
class ListRepositoryFilesParityIT {
    @Test
    @DisplayName("test list files for repository")
    @Differs("`repo:files` of such a repository exits 1 (`Repository '<name>' has no snapshot to serve.`), where the Laravel"
            + " application lists that folder.")
    void listsTheServedSnapshotsFilesAndRefusesWithoutOne(TestInstallation parceler) {
        parceler.createRepository("base", 7);
        parceler.snapshot("base", "test", Map.of("file1.txt", "content"));

        parceler.refuses("Repository 'base' has no snapshot to serve.", "repository:list-files", "base");

        parceler.snapshot("base", ParityConsole.daysAgo(1), Map.of("file1.txt", "content"));
        ConsoleResult listed = parceler.run("repository:list-files", "base");
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(listed.outLines()).containsExactly("snapshots/base/" + ParityConsole.daysAgo(1) + "/file1.txt");
    }
}
