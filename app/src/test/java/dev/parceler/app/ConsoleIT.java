package dev.parceler.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.ExternalBinary;
import dev.parceler.testing.ParcelerProcess;
import dev.parceler.testing.TestInstallation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar run as its own process, as an operator runs {@code parceler <command>}. */
class ConsoleIT {
    private static final Map<String, String> UTC = Map.of("APP_TIMEZONE", "UTC");

    @TempDir
    Path home;

    @Test
    void createThenListOnAFreshInstallation() {
        ConsoleResult created = ParcelerProcess.run(home, UTC, "repo:create", "--name", "base", "--command", "true",
                "--source-folder", "", "--delay", "7", "--no-sync");
        ConsoleResult listed = ParcelerProcess.run(home, UTC, "repository:list");

        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.out()).isEqualTo("Repository 'base' created.\n");
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(listed.outLines()).element(3).asString().startsWith("| base | 7               | No          | (none)");
        assertThat(listed.err()).as("logs stay off a clean run").isEmpty();
        assertThat(home.resolve("storage/database.sqlite")).exists();
    }

    @Test
    void aMalformedSettingStopsEveryCommandWithItsName() {
        ConsoleResult result = ParcelerProcess.run(home, Map.of("HTTP_PORT", "eighty"), "repo:list");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly(
                "Invalid configuration: HTTP_PORT must be a port number from 1 to 65535, got 'eighty'.");
        assertThat(home.resolve("storage")).doesNotExist();
    }

    @Test
    void withoutATerminalMissingAnswersAreErrors() {
        ConsoleResult result = ParcelerProcess.run(home, UTC, "repo:create", "--name", "base");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly(
                "Missing --command: there is no terminal to ask 'Provide the command to be ran to sync this repository.'");
    }

    @Test
    void onATerminalTheQuestionsAreAsked() {
        Path script = ExternalBinary.require("script");
        String java = String.join(" ", ParcelerProcess.javaCommand("repo:create"));
        ProcessBuilder builder = ParcelerProcess.builder(home, UTC, List.of(script.toString(), "-qec", java, "/dev/null"));

        ConsoleResult result = ParcelerProcess.run(builder, "base\nrclone sync up: x\npackages\n3\nno\n");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).containsSubsequence(
                "What is the name of the repository?",
                "Provide the command to be ran to sync this repository.",
                "Provide the folder where the data is.",
                "Please provide how much time the repository must be kept back from upstream. [7]",
                "Do you want to sync the repository now? [yes]",
                "Repository 'base' created.");
        ConsoleResult listed = ParcelerProcess.run(home, UTC, "repo:list", "--json");
        assertThat(listed.out()).contains("\"sub_dir\" : \"packages\"", "\"delay\" : 3");
    }

    @Test
    void servingTheNewestPastTheDelayIsWarnedOnStandardError() {
        try (TestInstallation parceler = TestInstallation.in(home)) {
            parceler.env("APP_TIMEZONE", "UTC");
            parceler.createRepository("base", 1);
            parceler.snapshot("base", "2020-01-01T00:00:00+00:00", Map.of("Packages", "p"));
        }

        ConsoleResult result = ParcelerProcess.run(home, UTC, "repo:files", "base");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly("snapshots/base/2020-01-01T00:00:00+00:00/Packages");
        assertThat(result.err()).contains(
                "WARN", "Repository 'base' has no snapshot within its delay of 1 days; serving the newest, '2020-01-01T00:00:00+00:00'.");
    }

    @Test
    void debugLevelShowsTheStackTraceOthersDoNot() {
        Map<String, String> broken = Map.of("DB_DATABASE", home.resolve("storage").toString());
        ParcelerProcess.run(home, UTC, "migrate");

        ConsoleResult quiet = ParcelerProcess.run(home, broken, "repo:list");
        assertThat(quiet.exitCode()).isEqualTo(1);
        assertThat(quiet.errLines()).hasSize(1).first().asString().startsWith("Error: ");

        ConsoleResult debug = ParcelerProcess.run(home, Map.of("DB_DATABASE", broken.get("DB_DATABASE"), "LOG_LEVEL", "debug"), "repo:list");
        assertThat(debug.exitCode()).isEqualTo(1);
        assertThat(debug.errLines().stream().filter(line -> line.startsWith("\tat ")).collect(Collectors.toList())).isNotEmpty();
    }
}
