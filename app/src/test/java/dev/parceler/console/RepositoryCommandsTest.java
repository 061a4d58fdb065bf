package dev.parceler.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.TestInstallations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** repo:list, repo:freeze, repo:unfreeze, repo:files and repo:snapshots as an operator sees them. */
@ExtendWith(TestInstallations.class)
class RepositoryCommandsTest {
    // The test clock stands at 2026-11-21T12:00:00Z.
    static final String OLD = "2026-11-01T00:00:00+00:00";
    static final String IN_WINDOW = "2026-11-16T00:00:00+00:00";
    static final String NEWEST = "2026-11-21T00:00:00+00:00";

    private TestInstallation parceler;


    @BeforeEach
    void start(TestInstallation parceler) {
        this.parceler = parceler;
        parceler.createRepository("base", 7);
        parceler.snapshot("base", OLD, Map.of("Packages", "old"));
        parceler.snapshot("base", IN_WINDOW, Map.of("Packages", "served", "pkgs/base-files_1.ipk", "ipk"));
        parceler.snapshot("base", NEWEST, Map.of("Packages", "new"));
        parceler.snapshot("base", "known-good", Map.of("Packages", "custom"));
        parceler.snapshot("base", ".2026-11-21T06:00:00+00:00.partial", Map.of("Packages", "half"));
    }

    @Test
    void freezesUnfreezesAndReleasesFromTheCommandLineAreAuditedWithWhoAndWhy() {
        String who = RepoRollbackCommand.operator(System.getenv()) + " (command line)";
        assertThat(parceler.run("repo:freeze", "base", "known-good", "--reason", "bad kernel upstream").exitCode()).isZero();
        assertThat(parceler.run("repo:unfreeze", "base").exitCode()).isZero();
        assertThat(parceler.run("repo:release", "base", "--reason", "  fix is out  ").exitCode()).isZero();

        assertThat(parceler.installation().audit().after(0, 10)).extracting(event -> event.actor() + " " + event.action() + " "
                + event.detail().orElse("-") + " " + event.reason()).containsExactly(
                        who + " freeze known-good bad kernel upstream", who + " unfreeze known-good ", who + " release - fix is out");
        assertThat(parceler.run("repo:runs", "base").out()).contains("bad kernel upstream", "fix is out");

        parceler.refuses("A reason has at most 500 characters.", "repo:freeze", "base", "--reason", "x".repeat(501));
    }

    @Test
    void listShowsTheTableOfTheLaravelConsole() {
        parceler.createRepository("empty", 3);

        ConsoleResult result = parceler.run("repo:list");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.outLines()).containsExactly(
                "+-------+-----------------+-------------+------------------------------------------+---------------+",
                "| Name  | Delay (in days) | Repo Frozen | Serving Directory                        | Source Folder |",
                "+-------+-----------------+-------------+------------------------------------------+---------------+",
                "| base  | 7               | No          | snapshots/base/2026-11-16T00:00:00+00:00 |               |",
                "| empty | 3               | No          | (none)                                   |               |",
                "+-------+-----------------+-------------+------------------------------------------+---------------+",
                "Feed signatures are not checked (no trusted keys) for: base, empty (repo:edit NAME --trusted-key FILE).");
    }

    @Test
    void listShowsFrozenRepositoriesAndTheirFolder() {
        parceler.run("repo:freeze", "base", "known-good");

        ConsoleResult result = parceler.run("repository:list");

        assertThat(result.out()).contains("| base | 7               | Yes         | snapshots/base/known-good |");
    }

    @Test
    void listJsonIsPinned() throws Exception {
        parceler.createRepository("empty", 3);
        parceler.run("repo:freeze", "base", "known-good");

        ConsoleResult result = parceler.run("repo:list", "--json");

        assertThat(result.exitCode()).isZero();
        String golden = new String(Objects.requireNonNull(getClass().getResourceAsStream("/golden/repo-list.json"))
                .readAllBytes(), StandardCharsets.UTF_8);
        assertThat(result.out().strip()).isEqualTo(golden.strip());
    }

    @Test
    void freezeDefaultsToTheServedSnapshot() {
        ConsoleResult result = parceler.run("repo:freeze", "base");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.outLines()).containsExactly("Freezing repository 'base' to '" + IN_WINDOW + "'...");
        parceler.clock().advance(Duration.ofDays(30));
        assertThat(parceler.run("repo:list").out()).contains("snapshots/base/" + IN_WINDOW);
    }

    @Test
    void freezeToACustomFolderThenUnfreeze() {
        assertThat(parceler.run("repo:freeze", "base", "known-good").outLines())
                .containsExactly("Freezing repository 'base' to 'known-good'...");
        assertThat(parceler.installation().repositoryComponents().repositories().get("base").freeze()).contains("known-good");

        ConsoleResult result = parceler.run("repo:unfreeze", "base");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly("Unfreezing repository 'base'...");
        assertThat(parceler.installation().repositoryComponents().repositories().get("base").freeze()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown freeze|repo:freeze,missing|Repository 'missing' not found.",
        "unknown unfreeze|repo:unfreeze,missing|Repository 'missing' not found.",
        "not frozen|repo:unfreeze,base|Repository 'base' is not frozen.",
        "missing folder|repo:freeze,base,2020-01-01T00:00:00+00:00|Snapshot '2020-01-01T00:00:00+00:00' of repository 'base' does not exist in snapshots/base.",
        "escaping folder|repo:freeze,base,../other|'../other' is not a snapshot folder name of repository 'base'.",
        "hidden folder|repo:freeze,base,.2026-11-21T06:00:00+00:00.partial|'.2026-11-21T06:00:00+00:00.partial' is not a snapshot folder name of repository 'base'.",
        "unknown files|repo:files,missing|Repository 'missing' not found.",
        "unknown snapshots|repo:snapshots,missing|Repository 'missing' not found.",
        "files outside|repo:files,base,../..|Path '../..' is outside the disk.",
        "files absolute|repo:files,base,/etc|Path '/etc' is outside the disk.",
        "files not a folder|repo:files,base,snapshots/nothing|Path 'snapshots/nothing' is not a folder on the disk.",
        "missing argument|repo:freeze|Missing required parameter: '<name>' (see 'parceler repo:freeze --help')",
        "unknown option|repo:list,--yaml|Unknown option: '--yaml' (see 'parceler repo:list --help')",
    })
    void errorsAreOneLineExitOneAndChangeNothing(String label, String arguments, String error) {
        assertThat(parceler.refuses(error, arguments.split(",")).out()).as("nothing but the error").isEmpty();
    }

    @Test
    void freezingTwiceIsRefused() {
        parceler.run("repo:freeze", "base", "known-good");

        parceler.refuses("Repository 'base' is already frozen.", "repo:freeze", "base", OLD);
    }

    @Test
    void freezingWithNothingServedIsRefused() {
        parceler.createRepository("empty", 7);

        ConsoleResult result = parceler.run("repo:freeze", "empty");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("Repository 'empty' has no snapshot to freeze to.");
        assertThat(parceler.installation().repositoryComponents().repositories().get("empty").freeze()).isEmpty();
    }

    @Test
    void filesListsTheServedSnapshotOnePathPerLine() {
        ConsoleResult result = parceler.run("repo:files", "base");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly(
                "snapshots/base/" + IN_WINDOW + "/Packages",
                "snapshots/base/" + IN_WINDOW + "/pkgs/base-files_1.ipk");
    }

    @Test
    void filesUnderAPathOrTheWholeDisk() throws Exception {
        Files.createDirectories(parceler.storageRoot().resolve("source/base"));
        Files.writeString(parceler.storageRoot().resolve("source/base/Packages"), "latest");

        assertThat(parceler.run("repo:files", "base", "snapshots/base/known-good").outLines())
                .containsExactly("snapshots/base/known-good/Packages");
        assertThat(parceler.run("repository:list-files", "base", ".").outLines())
                .contains("source/base/Packages", "snapshots/base/" + OLD + "/Packages")
                .hasSize(7);
    }

    @Test
    void filesOfARepositoryServingNothingIsAnError() {
        parceler.createRepository("empty", 7);

        ConsoleResult result = parceler.run("repo:files", "empty");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("Repository 'empty' has no snapshot to serve.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"repo:snapshots", "repository:snapshots", "snapshot:list"})
    void snapshotsAreSortedByNameWithTheActiveOne(String command) {
        ConsoleResult result = parceler.run(command, "base");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly(
                "+---------------------------+--------+",
                "| Snapshot                  | Active |",
                "+---------------------------+--------+",
                "| 2026-11-01T00:00:00+00:00 | No     |",
                "| 2026-11-16T00:00:00+00:00 | Yes    |",
                "| 2026-11-21T00:00:00+00:00 | No     |",
                "| known-good                | No     |",
                "+---------------------------+--------+");
    }

    @Test
    void snapshotsFollowTheClockAndHandDeletions() throws Exception {
        parceler.clock().advance(Duration.ofDays(5).plusHours(12).plusSeconds(1));
        assertThat(parceler.run("repo:snapshots", "base").out()).contains("| 2026-11-21T00:00:00+00:00 | Yes    |");

        deleteTree(parceler.storageRoot().resolve("snapshots/base/" + NEWEST));
        ConsoleResult result = parceler.run("repo:snapshots", "base");

        assertThat(result.out()).as("the newest left, though past the delay").contains("| 2026-11-16T00:00:00+00:00 | Yes    |");
    }

    private static void deleteTree(Path root) throws Exception {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
