package dev.parceler.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.SmallFileSystem;
import dev.parceler.testing.TestInstallation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup onto a disk too small for it, filled for real: a clear error, and nothing left on that disk. */
class DbBackupDiskFullIT {
    @TempDir
    Path home;

    @Test
    void aBackupThatDoesNotFitSaysSoAndLeavesNothing() throws Exception {
        try (TestInstallation parceler = TestInstallation.in(home.resolve("installation"));
                SmallFileSystem small = SmallFileSystem.mount(home.resolve("small"), 1)) {
            parceler.createRepository("base", 7);
            try (Connection connection = parceler.installation().database().dataSource().getConnection();
                    Statement statement = connection.createStatement()) {
                // About 3 MB of run output: more than the 1 MiB disk holds.
                statement.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
                        + " INSERT INTO job_runs (repository, kind, job_id, started_at, outcome, output)"
                        + " SELECT 'base', 'sync', hex(randomblob(16)), '2026-11-21T12:00:00+00:00', 'succeeded', hex(randomblob(500)) FROM n");
            }
            Path target = small.root().resolve("backup.sqlite");

            ConsoleResult result = parceler.run("db:backup", target.toString());

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertThat(result.errLines()).hasSize(1);
            assertThat(result.err()).startsWith("Cannot write the backup " + target + ": ").containsIgnoringCase("full");
            try (Stream<Path> files = Files.list(small.root())) {
                assertThat(files.toList()).as("nothing left on the small disk").isEmpty();
            }
            try (Connection connection = parceler.installation().database().dataSource().getConnection();
                    Statement statement = connection.createStatement();
                    java.sql.ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM job_runs")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).as("the database goes on as it was").isEqualTo(3000);
            }
        }
    }
}
