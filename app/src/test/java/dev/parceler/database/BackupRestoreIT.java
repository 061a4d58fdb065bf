package dev.parceler.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.health.Heartbeats;
import dev.parceler.sync.JobRun;
import dev.parceler.testing.Background;
import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.Eventually;
import dev.parceler.testing.ParcelerProcess;
import dev.parceler.testing.PostgresDatabases;
import dev.parceler.testing.TestInstallation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Backups through the real command line, with a real worker process writing while one is taken. */
class BackupRestoreIT {
    private static final Map<String, String> ENVIRONMENT = Map.of("APP_TIMEZONE", "UTC", "SYNC_TIMEOUT", "30");

    @RegisterExtension
    final PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path home;
    @TempDir
    Path otherMachine;
    @TempDir
    Path backups;

    @Test
    void aBackupTakenWhileTheWorkerRunsRestoresOnAnotherMachine() {
        assertThat(cli(home, "repo:create", "--name", "base", "--source-folder", "", "--delay", "7", "--sync", "--command", "true")
                .exitCode()).isZero();
        Path backup = backups.resolve("parceler.sqlite");
        try (Background worker = Background.start(home, ENVIRONMENT, "worker", "worker");
                TestInstallation reader = TestInstallation.in(home)) {
            Eventually.await(Duration.ofSeconds(60), "the first sync of base", () -> reader.installation().jobs().runs().recent("base", 10)
                    .stream().anyMatch(run -> run.outcome() == JobRun.Outcome.SUCCEEDED));

            ConsoleResult taken = cli(home, "db:backup", backup.toString());
            assertThat(taken.exitCode()).as(taken.toString()).isZero();
            assertThat(taken.out()).startsWith("Backed up " + home.resolve("storage/database.sqlite") + " to " + backup
                    + " (schema version " + Migrations.LATEST + ", 1 repositories, ");

            ConsoleResult refused = cli(home, "db:restore", backup.toString(), "--force");
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.errLines()).hasSize(1);
            assertThat(refused.err()).startsWith("Cannot restore while Parceler runs: worker on " + Heartbeats.thisHost()
                    + " (pid " + worker.pid() + ", last heartbeat ");
            assertThat(worker.alive()).isTrue();
        }

        ConsoleResult unforced = cli(otherMachine, "db:restore", backup.toString());
        assertThat(unforced.exitCode()).isEqualTo(1);
        assertThat(unforced.err()).startsWith(backup + " holds schema version " + Migrations.LATEST + ", 1 repositories, ").endsWith(": add --force to restore it.\n");
        assertThat(otherMachine.resolve("storage/database.sqlite")).doesNotExist();

        ConsoleResult restored = cli(otherMachine, "db:restore", backup.toString(), "--force");
        assertThat(restored.exitCode()).as(restored.toString()).isZero();
        assertThat(restored.outLines()).as("nothing was replaced, so nothing is kept").hasSize(1);
        assertThat(restored.out()).startsWith("Restored " + otherMachine.resolve("storage/database.sqlite") + " from " + backup
                + " (schema version " + Migrations.LATEST + ", 1 repositories, ");
        ConsoleResult runs = cli(otherMachine, "repo:runs", "base", "--json");
        assertThat(runs.exitCode()).as(runs.toString()).isZero();
        assertThat(runs.out().toLowerCase(java.util.Locale.ROOT)).contains("succeeded");
        assertThat(cli(otherMachine, "repo:list").out()).contains("base");
    }

    @Test
    void withoutPgDumpTheCommandToRunIsPrinted() {
        Map<String, String> environment = new HashMap<>(ENVIRONMENT);
        environment.putAll(postgres.environment());
        environment.put("PATH", backups.resolve("no-programs-here").toString());
        environment.put("DB_PASSWORD", "pw-never-shown-7");
        Path dump = backups.resolve("parceler.dump");

        ConsoleResult result = ParcelerProcess.run(home, environment, "db:backup", dump.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.outLines()).containsExactly(
                "Back the database up with PostgreSQL's own tool with the database password in the PGPASSWORD environment variable:",
                "  pg_dump -Fc -h 127.0.0.1 -p " + environment.get("DB_PORT") + " -U parceler -d " + environment.get("DB_DATABASE")
                        + " -f " + dump);
        assertThat(result.errLines()).containsExactly(
                "pg_dump is not on the PATH (Debian: apt-get install postgresql-client): no backup was written.");
        assertThat(result.out() + result.err()).as("the password is never shown").doesNotContain("pw-never-shown-7");
        assertThat(dump).doesNotExist();
        assertThat(backups.toFile().list()).isEmpty();
    }

    private static ConsoleResult cli(Path home, String... arguments) {
        try {
            Files.createDirectories(home);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ParcelerProcess.run(home, ENVIRONMENT, arguments);
    }
}
