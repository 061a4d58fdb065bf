package dev.parceler.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.repository.DelayPolicy;
import dev.parceler.repository.Repository;
import dev.parceler.sync.RepositoryLease;
import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.TestInstallations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** repo:edit and repo:delete: a repository created wrong can be fixed or removed without touching the database. */
@ExtendWith(TestInstallations.class)
class RepoEditDeleteCommandTest {
    private TestInstallation parceler;

    @BeforeEach
    void start(TestInstallation parceler) {
        this.parceler = parceler;
        parceler.run("repo:create", "--name", "base", "--command", "rclone sync wrong: x", "--source-folder", "packages",
                "--delay", "7", "--no-sync");
    }

    private Repository base() {
        return parceler.installation().repositoryComponents().repositories().get("base");
    }

    @Test
    void optionsChangeOnlyWhatTheyName() {
        ConsoleResult result = parceler.run("repo:edit", "base", "--command", "rclone sync right: x", "--delay", "3");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.outLines()).containsExactly("Repository 'base' updated: command, delay 7 -> 3 days.");
        assertThat(base().command()).isEqualTo("rclone sync right: x");
        assertThat(base().delay()).isEqualTo(3);
        assertThat(base().subDir()).contains("packages");
        assertThat(base().compareContent()).isFalse();

        assertThat(parceler.run("repository:edit", "base", "--source-folder", "", "--compare-content").outLines())
                .containsExactly("Repository 'base' updated: source folder 'packages' -> '', compare content.");
        assertThat(base().subDir()).isEmpty();
        assertThat(base().compareContent()).isTrue();
        assertThat(parceler.run("repo:list", "--json").out()).contains("\"compare_content\" : true");
        assertThat(parceler.run("repo:edit", "base", "--no-compare-content").outLines())
                .containsExactly("Repository 'base' updated: compare size and time.");
    }

    /** A usign public key file as a firewall's /etc/opkg/keys holds it, with the key number 0102030405060708. */
    private static Path usignKey(Path folder) throws java.io.IOException {
        byte[] key = new byte[42];
        key[0] = 'E';
        key[1] = 'd';
        for (int i = 0; i < 8; i++) {
            key[2 + i] = (byte) (i + 1);
        }
        return Files.writeString(Files.createDirectories(folder).resolve("0102030405060708"),
                "untrusted comment: public key 0102030405060708\n" + java.util.Base64.getEncoder().encodeToString(key) + "\n");
    }

    @Test
    void trustedKeysAreGivenShownAndTakenAway(@org.junit.jupiter.api.io.TempDir Path keys) throws Exception {
        usignKey(keys);
        assertThat(parceler.run("repo:list").out()).contains("Feed signatures are not checked (no trusted keys) for: base");

        ConsoleResult given = parceler.run("repo:edit", "base", "--trusted-key", keys.toString());
        assertThat(given.outLines()).as(given.toString()).containsExactly("Repository 'base' updated: trusted keys 0102030405060708.");
        assertThat(parceler.run("repo:list", "--json").out()).contains("\"trusted_keys\" : [ \"0102030405060708\" ]");
        assertThat(parceler.run("repo:list").out()).doesNotContain("not checked");
        assertThat(parceler.run("repo:edit", "base", "--trusted-key", keys.resolve("0102030405060708").toString()).outLines())
                .containsExactly("Repository 'base' is unchanged.");

        Path notAKey = Files.writeString(keys.resolve("notes.txt"), "not a key");
        List<String> before = parceler.databaseContent();
        parceler.refuses(notAKey + " is neither a usign, an apk nor an OpenPGP public key", "repo:edit", "base", "--trusted-key", notAKey.toString());
        assertThat(parceler.databaseContent()).isEqualTo(before);

        assertThat(parceler.run("repo:edit", "base", "--no-trusted-keys").outLines())
                .containsExactly("Repository 'base' updated: signatures not checked.");
        assertThat(parceler.run("repo:list", "--json").out()).contains("\"trusted_keys\" : [ ]");
    }

    @Test
    void theFeedCheckIsOnByDefaultAndSwitchedPerRepository() {
        assertThat(base().feedCheck()).as("on unless switched off").isTrue();
        assertThat(parceler.run("repo:list", "--json").out()).contains("\"feed_check\" : true");

        assertThat(parceler.run("repo:edit", "base", "--no-feed-check").outLines())
                .containsExactly("Repository 'base' updated: feed check off.");
        assertThat(base().feedCheck()).isFalse();
        assertThat(parceler.run("repo:list", "--json").out()).contains("\"feed_check\" : false");
        assertThat(parceler.run("repo:edit", "base", "--feed-check").outLines())
                .containsExactly("Repository 'base' updated: feed check on.");
        assertThat(base().feedCheck()).isTrue();

        assertThat(parceler.run("repo:create", "--name", "docs", "--command", "true", "--source-folder", "", "--delay", "0",
                "--no-sync", "--no-feed-check").exitCode()).isZero();
        assertThat(parceler.installation().repositoryComponents().repositories().get("docs").feedCheck()).isFalse();
        assertThat(parceler.run("repo:create", "--name", "feed", "--command", "true", "--source-folder", "", "--delay", "0",
                "--no-sync", "--feed-check").exitCode()).isZero();
        assertThat(parceler.installation().repositoryComponents().repositories().get("feed").feedCheck()).isTrue();
    }

    @Test
    void theDelayPolicyIsSetByCreateAndEditAndShownByList() {
        assertThat(parceler.run("repo:create", "--name", "strict", "--command", "true", "--source-folder", "", "--delay", "7",
                "--no-sync", "--policy", "strict").exitCode()).isZero();
        assertThat(parceler.installation().repositoryComponents().repositories().get("strict").policy()).isEqualTo(DelayPolicy.STRICT);
        assertThat(parceler.run("repo:list").out()).contains("| strict | 7 (strict) ");
        assertThat(parceler.run("repo:list", "--json").out()).contains("\"policy\" : \"strict\"", "\"policy\" : \"window\"");

        assertThat(parceler.run("repo:edit", "base", "--policy", "strict").outLines())
                .containsExactly("Repository 'base' updated: policy window -> strict.");
        assertThat(base().policy()).isEqualTo(DelayPolicy.STRICT);
        parceler.refuses("The delay policy must be 'window' or 'strict', got 'lenient'.", "repo:edit", "base", "--policy", "lenient");
        assertThat(base().policy()).isEqualTo(DelayPolicy.STRICT);
        parceler.refuses("The delay policy must be 'window' or 'strict', got 'newest'.", "repo:create", "--name", "other",
                "--command", "true", "--source-folder", "", "--delay", "7", "--no-sync", "--policy", "newest");
        assertThat(parceler.installation().repositoryComponents().repositories().find("other")).isEmpty();
    }

    @Test
    void aTerminalIsAskedTheQuestionsOfCreateWithTheCurrentValues() {
        ConsoleResult result = parceler.runAnswering("rclone sync right: x\n\n-1\n2\n", "repo:edit", "base");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).containsSubsequence(
                "Provide the command to be ran to sync this repository. [rclone sync wrong: x]",
                "Provide the folder where the data is. (a single '-' for none) [packages]",
                "Please provide how much time the repository must be kept back from upstream. [7]",
                "The delay must be a whole number of days from 0 to 36500, got '-1'.",
                "Repository 'base' updated: command, delay 7 -> 2 days.");
        assertThat(base().subDir()).contains("packages");
        assertThat(base().delay()).isEqualTo(2);
    }

    @Test
    void theSameValuesChangeNothing() {
        List<String> before = parceler.databaseContent();

        ConsoleResult result = parceler.run("repo:edit", "base", "--delay", "7");

        assertThat(result.outLines()).containsExactly("Repository 'base' is unchanged.");
        assertThat(parceler.databaseContent()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown|repo:edit,missing,--delay,3|Repository 'missing' not found.",
        "nothing given|repo:edit,base|Nothing to change: give --command, --source-folder, --delay, --[no-]compare-content, --[no-]feed-check, --policy, --trusted-key or --no-trusted-keys (there is no terminal to ask).",
        "missing key file|repo:edit,base,--trusted-key,/nonexistent/key.pub|The key file /nonexistent/key.pub does not exist.",
        "keys given and cleared|repo:edit,base,--trusted-key,/nonexistent/key.pub,--no-trusted-keys|Give --trusted-key or --no-trusted-keys, not both.",
        "bad delay|repo:edit,base,--command,true,--delay,-3|The delay must be a whole number of days from 0 to 36500, got '-3'.",
        "empty command|repo:edit,base,--command,|The sync command is required.",
        "escaping folder|repo:edit,base,--source-folder,../etc|The source folder '../etc' must be a relative path inside the synced copy, without '.' or '..'.",
        "delete unknown|repo:delete,missing,--force|Repository 'missing' not found.",
        "delete without a terminal|repo:delete,base|Deleting repository 'base' needs confirmation: run it on a terminal or add --force. Nothing was deleted.",
    })
    void badInputGetsOneLineAndChangesNothing(String label, String arguments, String error) {
        Path snapshot = parceler.snapshot("base", "2026-11-20T00:00:00+00:00", Map.of("Packages", "index"));

        parceler.refuses(error, arguments.split(",", -1));

        assertThat(base().command()).isEqualTo("rclone sync wrong: x");
        assertThat(snapshot.resolve("Packages")).exists();
    }

    @Test
    void deleteRemovesTheRepositoryItsRunsAndItsFiles() throws Exception {
        Path snapshot = parceler.snapshot("base", "2026-11-20T00:00:00+00:00", Map.of("Packages", "index"));
        Path source = parceler.storageRoot().resolve("source/base/packages/Packages");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "index");
        parceler.installation().jobs().runs().start("base", dev.parceler.sync.JobRun.Kind.SYNC, UUID.randomUUID());

        ConsoleResult result = parceler.run("repo:delete", "base", "--force");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.outLines()).containsExactly("Repository 'base' deleted, with its files.");
        assertThat(parceler.installation().repositoryComponents().repositories().find("base")).isEmpty();
        assertThat(parceler.installation().jobs().runs().recent("base", 10)).isEmpty();
        assertThat(snapshot.getParent()).doesNotExist();
        assertThat(parceler.storageRoot().resolve("source/base")).doesNotExist();
        assertThat(parceler.run("repo:list").out()).doesNotContain("base");
    }

    @Test
    void deleteCanKeepTheFilesAndAsksOnATerminal() {
        Path snapshot = parceler.snapshot("base", "2026-11-20T00:00:00+00:00", Map.of("Packages", "index"));

        ConsoleResult declined = parceler.runAnswering("\n", "repository:delete", "base");
        assertThat(declined.exitCode()).isEqualTo(1);
        assertThat(declined.out()).contains("Do you really want to delete repository 'base' and all its snapshots? [no]");
        assertThat(declined.errLines()).containsExactly("Nothing was deleted.");
        assertThat(parceler.installation().repositoryComponents().repositories().find("base")).isPresent();

        ConsoleResult confirmed = parceler.runAnswering("yes\n", "repo:delete", "base", "--keep-files");
        assertThat(confirmed.exitCode()).as(confirmed.toString()).isZero();
        assertThat(confirmed.out()).contains("Repository 'base' deleted; its files are kept.");
        assertThat(parceler.installation().repositoryComponents().repositories().find("base")).isEmpty();
        assertThat(snapshot.resolve("Packages")).hasContent("index");
    }

    @Test
    void deleteIsRefusedWhileAJobRuns() {
        RepositoryLease lease = new RepositoryLease(parceler.installation().database().dataSource(), parceler.clock(),
                Duration.ofSeconds(60), java.util.Optional.empty());
        assertThat(lease.acquire("base", "a running job")).isTrue();

        parceler.refuses("Repository 'base' is busy with a job; nothing was deleted. Try again when it ends (parceler repo:runs base).",
                "repo:delete", "base", "--force");

        lease.release("base", "a running job");
        assertThat(parceler.run("repo:delete", "base", "--force").exitCode()).isZero();
    }
}
