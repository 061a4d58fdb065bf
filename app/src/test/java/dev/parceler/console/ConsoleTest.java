package dev.parceler.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.TestInstallation;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help, migrate, key:generate and what any command does with a wrong word. */
class ConsoleTest {
    @TempDir
    Path home;
    private TestInstallation parceler;

    @BeforeEach
    void start() {
        parceler = TestInstallation.in(home);
    }

    @AfterEach
    void stop() {
        parceler.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"migrate", "key:generate", "repo:create", "repository:create", "repo:list", "repo:freeze",
            "repo:unfreeze", "repo:files", "repo:snapshots", "snapshot:list", "repository:list-files", "repo:sync",
            "repository:sync", "repo:release", "repository:release", "repo:milestone", "repository:milestone", "repo:runs",
            "repo:edit", "repository:edit", "repo:delete", "repository:delete", "repository:runs", "down", "up", "repo:rollback",
            "repo:diff", "import:laravel", "notify:test", "repo:ring:add", "repo:ring:edit", "repo:ring:remove", "repo:ring:list",
            "repo:halt", "repo:fleet", "repo:resume", "db:backup", "db:restore", "db:backups", "db:copy", "admin:create", "admin:list",
            "admin:delete", "admin:password", "health"})
    void everyCommandHasHelp(String command) {
        ConsoleResult result = parceler.run(command, "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: parceler " + command.replace("repository:list-files", "repo:files")
                .replace("repository:", "repo:").replace("snapshot:list", "repo:snapshots"));
        assertThat(Files.exists(parceler.databaseFile())).as("a command's help opens no database").isFalse();
    }

    @Test
    void helpListsTheCommands() {
        ConsoleResult result = parceler.run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("repo:create, repository:create", "repo:snapshots, repository:snapshots, snapshot:list");
        assertThat(Files.exists(parceler.databaseFile())).as("help opens no database").isFalse();
    }

    @Test
    void anUnknownCommandIsOneLineAndExitOne() {
        ConsoleResult result = parceler.run("repo:explode");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).contains("Unmatched argument at index 0: 'repo:explode'");
    }

    @Test
    void migrateCreatesTheDatabase() {
        ConsoleResult result = parceler.run("migrate");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly("Database " + parceler.databaseFile() + " is up to date.");
        assertThat(parceler.databaseFile()).exists();
        assertThat(parceler.run("migrate").exitCode()).as("again: nothing to do").isZero();
    }

    @Test
    void keyGenerateWritesTheEnvFileOnceAndShowPrintsOnly() throws Exception {
        Path env = home.resolve(".env");
        Files.writeString(env, "APP_NAME=Parceler\nAPP_KEY=\n");

        ConsoleResult shown = parceler.run("key:generate", "--show");
        assertThat(shown.exitCode()).isZero();
        assertThat(shown.out().strip()).matches("base64:[A-Za-z0-9+/]{43}=");
        assertThat(Files.readString(env)).isEqualTo("APP_NAME=Parceler\nAPP_KEY=\n");

        ConsoleResult written = parceler.run("key:generate");
        assertThat(written.exitCode()).as(written.toString()).isZero();
        assertThat(written.outLines()).containsExactly("Application key set in " + env + ".");
        String key = parceler.settings().appKey().orElseThrow();
        assertThat(key).startsWith("base64:");

        parceler.env("PLACEHOLDER", "reload");
        ConsoleResult again = parceler.run("key:generate");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.errLines()).containsExactly("APP_KEY is already set; use --force to replace it.");
        assertThat(parceler.settings().appKey()).contains(key);

        assertThat(parceler.run("key:generate", "--force").exitCode()).isZero();
        assertThat(parceler.settings().appKey()).isPresent().get().isNotEqualTo(key);
    }
}
