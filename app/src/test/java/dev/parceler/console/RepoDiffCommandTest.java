package dev.parceler.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.repository.NewRepository;
import dev.parceler.repository.Repository;
import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.OpkgFeed;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoDiffCommandTest {
    @TempDir
    Path home;
    private TestInstallation parceler;
    private OpkgFeed feed;
    private Repository repository;

    @BeforeEach
    void start() {
        parceler = TestInstallation.in(home);
        repository = parceler.installation().repositoryComponents().repositories().create(new NewRepository("base", "true", Optional.empty(), 7));
        feed = new OpkgFeed(parceler.storageRoot().resolve("source/base/core"));
    }

    @AfterEach
    void stop() {
        parceler.close();
    }

    private String snapshot() {
        String name = parceler.installation().snapshotComponents().writer().write(repository).name();
        parceler.clock().advance(Duration.ofDays(1));
        return name;
    }

    @Test
    void theServedSnapshotAgainstTheNewestByDefault() throws Exception {
        feed.put("base-files", "1.0", "base files").put("luci", "2.0", "luci").put("old-tool", "1", "old").publish();
        String served = snapshot();
        feed.put("luci", "2.1", "luci, newer").put("dnsmasq", "2.90", "dnsmasq").remove("old-tool").publish();
        Files.delete(feed.folder().resolve("luci_2.0_all.ipk"));
        Files.delete(feed.folder().resolve("old-tool_1_all.ipk"));
        String middle = snapshot();
        Trees.write(feed.folder().resolve("README"), "notes");
        String newest = snapshot();

        ConsoleResult result = parceler.run("repo:diff", "base");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.outLines()).containsExactly(
                "From " + served + " to " + newest + ": 3 added, 2 removed, 3 changed.",
                "+ core/README",
                "+ core/dnsmasq_2.90_all.ipk",
                "+ core/luci_2.1_all.ipk",
                "- core/luci_2.0_all.ipk",
                "- core/old-tool_1_all.ipk",
                "~ core/Packages",
                "~ core/Packages.gz",
                "~ core/Packages.sig",
                "Package versions:",
                "  core: dnsmasq (none) -> 2.90",
                "  core: luci 2.0 -> 2.1",
                "  core: old-tool 1 -> (none)");
        assertThat(parceler.run("repository:diff", "base", middle, newest).outLines())
                .containsExactly("From " + middle + " to " + newest + ": 1 added, 0 removed, 0 changed.", "+ core/README");
    }

    @Test
    void anUnknownSnapshotOrOneWithoutManifestIsExplained() {
        feed.put("luci", "2.0", "luci").publish();
        snapshot();
        parceler.snapshot("base", "known-good");

        parceler.refuses("Snapshot 'nope' of repository 'base' does not exist in snapshots/base.", "repo:diff", "base", "nope");
        parceler.refuses("Snapshot 'known-good' of repository 'base' has no manifest (made by hand?): it cannot be compared.",
                "repo:diff", "base", "known-good");
    }
}
