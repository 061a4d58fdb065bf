package dev.parceler.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.repository.Repository;
import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.ExternalBinary;
import dev.parceler.testing.PostgresDatabases;
import dev.parceler.testing.TestInstallation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code db:backup} on PostgreSQL runs the real {@code pg_dump}; the dump, restored by the very
 * command {@code db:restore} prints, holds what was backed up.
 */
class DbBackupPostgresIT {
    @RegisterExtension
    final PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path home;
    TestInstallation source;
    TestInstallation restored;

    @AfterEach
    void close() {
        if (source != null) {
            source.close();
        }
        if (restored != null) {
            restored.close();
        }
    }

    @Test
    void aDumpRestoredWithThePrintedCommandHoldsTheDatabase() throws Exception {
        ExternalBinary.require("pg_dump");
        ExternalBinary.require("pg_restore");
        // The test server trusts loopback connections, so the password is ignored there; it must still appear nowhere.
        source = postgres.installation(home.resolve("source")).env("DB_PASSWORD", "pw-never-shown-7");
        source.createRepository("base", 7);
        source.createRepository("edge", 2);
        source.installation().jobs().queue().sync("base");
        Path dump = home.resolve("parceler.dump");

        ConsoleResult backup = source.run("db:backup", dump.toString());
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        assertThat(backup.out()).isEqualTo("Backed up " + source.settings().database().describe() + " to " + dump + " with pg_dump -Fc.\n");
        assertThat(backup.out() + backup.err()).doesNotContain("pw-never-shown-7");
        assertThat(new String(Files.readAllBytes(dump), 0, 5, StandardCharsets.US_ASCII)).as("pg_dump's custom format").isEqualTo("PGDMP");
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.map(path -> path.getFileName().toString())).as("no partial file left")
                    .noneMatch(name -> name.endsWith(".partial"));
        }
        source.refuses(dump + " already exists: add --force to replace it.", "db:backup", dump.toString());

        restored = TestInstallation.in(home.resolve("restored"));
        postgres.emptyEnvironment().forEach(restored::env);
        ConsoleResult printed = restored.run("db:restore", dump.toString(), "--force");
        assertThat(printed.exitCode()).isEqualTo(1);
        assertThat(printed.errLines()).containsExactly("db:restore does not restore PostgreSQL itself: run the pg_restore command above.");
        assertThat(printed.outLines().get(0)).isEqualTo("Stop every Parceler process, then restore with PostgreSQL's own tool:");
        String command = printed.outLines().get(1).strip();
        assertThat(command).startsWith("pg_restore --clean --if-exists --no-owner --single-transaction -h 127.0.0.1 -p ")
                .endsWith(" " + dump);

        run(List.of(command.split(" ")));
        assertThat(restored.installation().repositoryComponents().repositories().all()).extracting(Repository::name).containsExactly("base", "edge");
        assertThat(restored.jobNames(null)).containsExactly("sync base");
    }

    @Test
    void aDumpThatFailsSaysWhatPgDumpSaidAndLeavesNothing() throws Exception {
        ExternalBinary.require("pg_dump");
        source = postgres.installation(home.resolve("source")).env("DB_PASSWORD", "pw-never-shown-7");
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        source.env("DB_PORT", Integer.toString(closedPort));
        Path dump = home.resolve("parceler.dump");

        ConsoleResult failed = source.run("db:backup", dump.toString());

        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.errLines()).hasSize(1);
        assertThat(failed.err()).startsWith("pg_dump failed (exit 1): ").contains(Integer.toString(closedPort))
                .doesNotContain("pw-never-shown-7");
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.map(path -> path.getFileName().toString())).as("no dump, no partial file").isEmpty();
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
