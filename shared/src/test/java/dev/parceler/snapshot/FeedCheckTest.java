package dev.parceler.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parceler.repository.DelayPolicy;
import dev.parceler.repository.NewRepository;
import dev.parceler.repository.Repository;
import dev.parceler.testing.OpkgFeed;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feed check as the local snapshot writer runs it, on real files. */
class FeedCheckTest {
    @TempDir
    Path home;
    private TestInstallation parceler;
    private OpkgFeed feed;
    private Path snapshots;

    @BeforeEach
    void start() {
        parceler = TestInstallation.in(home);
        feed = new OpkgFeed(parceler.storageRoot().resolve("source/base/packages/x86_64/base"));
        feed.put("base-files", "1.0", "base files").put("luci", "2.0", "luci").put("dnsmasq", "2.90", "dnsmasq");
        snapshots = parceler.storageRoot().resolve("snapshots/base");
    }

    @AfterEach
    void stop() {
        parceler.close();
    }

    private Repository repository(boolean feedCheck) {
        return parceler.installation().repositoryComponents().repositories().create(
                new NewRepository("base", "true", Optional.empty(), 7, false, feedCheck, DelayPolicy.WINDOW));
    }

    private SnapshotWrite write(Repository repository) {
        return parceler.installation().snapshotComponents().writer().write(repository);
    }

    private void refused(Repository repository, String... problems) {
        assertThatThrownBy(() -> write(repository)).isInstanceOf(FeedCheckException.class)
                .hasMessageStartingWith("feed check failed, " + problems.length + " problem")
                .satisfies(e -> assertThat(((FeedCheckException) e).problems()).containsExactly(problems));
    }

    @Test
    void aCompleteFeedIsSnapshotted() {
        feed.publish();

        SnapshotWrite made = write(repository(true));

        assertThat(Trees.names(snapshots)).containsExactly(made.name());
    }

    @Test
    void anIndexListingAFileNotYetUploadedMakesNoSnapshot() {
        feed.publish();
        Repository repository = repository(true);
        SnapshotWrite first = write(repository);
        feed.put("luci", "2.1", "luci, newer");
        feed.writeIndex();
        feed.writeSignature();
        parceler.clock().advance(Duration.ofDays(1));

        refused(repository, "packages/x86_64/base/luci_2.1_all.ipk is missing (luci 2.1 in packages/x86_64/base/Packages)");
        assertThat(Trees.names(snapshots)).as("nothing left of the refused snapshot").containsExactly(first.name());
    }

    @Test
    void aFileReplacedAfterTheIndexIsRefusedBySizeOrHash() {
        feed.publish();
        Trees.write(feed.folder().resolve("luci_2.0_all.ipk"), "LUCI");
        Trees.write(feed.folder().resolve("dnsmasq_2.90_all.ipk"), "dnsmasq, longer");

        refused(repository(true),
                "packages/x86_64/base/dnsmasq_2.90_all.ipk has 15 bytes, packages/x86_64/base/Packages says 7",
                "packages/x86_64/base/luci_2.0_all.ipk does not have the SHA256sum packages/x86_64/base/Packages gives");
    }

    @Test
    void aSignatureOlderThanItsIndexOrNotFromTheSameSyncIsRefused() throws Exception {
        feed.publish();
        feed.touch("Packages", Instant.parse("2026-11-20T10:00:00Z"));
        feed.touch("Packages.gz", Instant.parse("2026-11-20T10:00:00Z"));
        feed.touch("Packages.sig", Instant.parse("2026-11-20T09:00:00Z"));
        Repository repository = repository(true);
        refused(repository, "packages/x86_64/base/Packages.sig is older than packages/x86_64/base/Packages: it signs an earlier index");

        feed.touch("Packages.sig", Instant.parse("2026-11-20T10:00:00Z"));
        write(repository);
        // The next sync brings a new index (with an odd, earlier time) but keeps the previous signature.
        byte[] previousSignature = Files.readAllBytes(feed.folder().resolve("Packages.sig"));
        feed.put("luci", "2.1", "luci, newer").publish();
        Files.write(feed.folder().resolve("Packages.sig"), previousSignature);
        feed.touch("Packages.sig", Instant.parse("2026-11-20T10:00:00Z"));
        feed.touch("Packages", Instant.parse("2026-11-20T09:30:00Z"));
        feed.touch("Packages.gz", Instant.parse("2026-11-20T09:30:00Z"));
        parceler.clock().advance(Duration.ofDays(1));
        refused(repository, "packages/x86_64/base/Packages.sig did not change with packages/x86_64/base/Packages:"
                + " they are not from the same sync");
    }

    @Test
    void aMissingSignatureIsRefusedWhenThePreviousSnapshotHadOne() throws Exception {
        feed.publish();
        Repository repository = repository(true);
        write(repository);
        Files.delete(feed.folder().resolve("Packages.sig"));
        parceler.clock().advance(Duration.ofDays(1));

        refused(repository, "packages/x86_64/base/Packages.sig is missing (the previous snapshot had it)");
    }

    @Test
    void aGzippedIndexThatDiffersFromThePlainOneIsRefused() {
        feed.publish();
        String plain = feed.index();
        feed.put("luci", "2.1", "luci, newer").publish();
        Trees.write(feed.folder().resolve("Packages"), plain);
        feed.put("luci", "2.0", "luci").writePackages();
        // Only the gzipped index is wrong: the plain one keeps the time of the signature published with it.
        try {
            java.nio.file.Files.setLastModifiedTime(feed.folder().resolve("Packages"),
                    java.nio.file.Files.getLastModifiedTime(feed.folder().resolve("Packages.sig")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        refused(repository(true), "packages/x86_64/base/Packages.gz does not hold the same index as packages/x86_64/base/Packages");
    }

    @Test
    void anEmptyApkIndexIsRefusedAndAFilledOneAccepted() {
        Path apk = parceler.storageRoot().resolve("source/base/apk/x86_64");
        Trees.write(apk.resolve("packages.adb"), "");
        Trees.write(apk.resolve("luci-2.0.apk"), "luci");
        Repository repository = repository(true);
        refused(repository, "apk/x86_64/packages.adb is empty");

        Trees.write(apk.resolve("packages.adb"), "ADB.indx...");
        assertThat(Trees.names(snapshots)).isEmpty();
        write(repository);
        assertThat(Trees.names(snapshots)).hasSize(1);
    }

    @Test
    void moreThanTwentyProblemsAreCountedAndTheCheckCanBeTurnedOff() throws Exception {
        for (int i = 0; i < 25; i++) {
            feed.put("pkg" + i, "1", "content " + i);
        }
        feed.publish();
        for (int i = 0; i < 25; i++) {
            Files.delete(feed.folder().resolve(feed.get("pkg" + i).filename()));
        }

        assertThatThrownBy(() -> write(repository(true)))
                .hasMessageContaining("feed check failed, 25 problems: ")
                .hasMessageEndingWith("; and 5 more")
                .satisfies(e -> assertThat(e.getMessage().split("; ")).hasSize(21));

        parceler.installation().repositoryComponents().repositories().delete("base");
        write(repository(false));
        assertThat(Trees.names(snapshots)).as("no check: the snapshot is made").hasSize(1);
    }

    @Test
    void foldersWithoutAnIndexAreNotFeeds() {
        Trees.write(parceler.storageRoot().resolve("source/base/docs/Packages-notes.txt"), "not an index");
        Trees.write(parceler.storageRoot().resolve("source/base/Packages"), "a plain file that happens to have the name");

        write(repository(true));

        assertThat(Trees.names(snapshots)).hasSize(1);
    }
}
