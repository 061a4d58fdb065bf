package dev.parceler.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parceler.repository.NewRepository;
import dev.parceler.repository.Repository;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSnapshotWriterTest {
    @TempDir
    Path home;
    private TestInstallation parceler;
    private Path source;
    private Path snapshots;

    @BeforeEach
    void start() {
        parceler = TestInstallation.in(home);
        source = parceler.storageRoot().resolve("source/base");
        snapshots = parceler.storageRoot().resolve("snapshots/base");
        Trees.write(source.resolve("packages/Packages"), "index v1", "2026-11-20T10:00:00Z");
        Trees.write(source.resolve("packages/base/base-files_1.ipk"), "base files", "2026-11-20T10:00:00Z");
        Trees.write(source.resolve("packages/luci/luci_1.ipk"), "luci", "2026-11-20T10:00:00Z");
        Trees.write(source.resolve("README"), "outside the sub-folder");
    }

    @AfterEach
    void stop() {
        parceler.close();
    }

    private Repository repository(boolean compareContent) {
        return parceler.installation().repositoryComponents().repositories().create(
                new NewRepository("base", "true", Optional.of("packages"), 7, compareContent));
    }

    private SnapshotWrite write(Repository repository) {
        return parceler.installation().snapshotComponents().writer().write(repository);
    }

    @Test
    void theSubFolderBecomesTheSnapshotRootNamedAfterNow() {
        SnapshotWrite first = write(repository(false));

        assertThat(first.name()).isEqualTo("2026-11-21T12:00:00+00:00");
        assertThat(Trees.contents(snapshots.resolve(first.name()))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Packages", "index v1",
                "base/base-files_1.ipk", "base files",
                "luci/luci_1.ipk", "luci"));
        assertThat(snapshots.resolve(first.name()).resolve(Manifest.FILE_NAME)).isRegularFile();
        assertThat(first.stats()).isEqualTo(new CopyStats(3, 0, 22, 0));
        assertThat(Trees.names(snapshots)).containsExactly(first.name());
    }

    @Test
    void filesAreReadOnlyAndNeverShareStorageWithTheSource() throws Exception {
        SnapshotWrite first = write(repository(false));

        Path copy = snapshots.resolve(first.name()).resolve("Packages");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("r--r--r--");
        assertThat(Trees.inode(copy)).isNotEqualTo(Trees.inode(source.resolve("packages/Packages")));
        assertThat(Files.getLastModifiedTime(copy)).isEqualTo(Files.getLastModifiedTime(source.resolve("packages/Packages")));
    }

    @Test
    void unchangedFilesAreSharedWithThePreviousSnapshotChangedOnesCopied() {
        Repository repository = repository(false);
        SnapshotWrite first = write(repository);
        Trees.write(source.resolve("packages/Packages"), "index v2", "2026-11-21T10:00:00Z");
        Trees.write(source.resolve("packages/luci/luci_2.ipk"), "luci two", "2026-11-21T10:00:00Z");
        parceler.clock().advance(Duration.ofDays(1));

        SnapshotWrite second = write(repository);

        Path before = snapshots.resolve(first.name());
        Path after = snapshots.resolve(second.name());
        assertThat(second.name()).isEqualTo("2026-11-22T12:00:00+00:00");
        assertThat(Trees.inode(after.resolve("base/base-files_1.ipk"))).isEqualTo(Trees.inode(before.resolve("base/base-files_1.ipk")));
        assertThat(Trees.inode(after.resolve("luci/luci_1.ipk"))).isEqualTo(Trees.inode(before.resolve("luci/luci_1.ipk")));
        assertThat(Trees.inode(after.resolve("Packages"))).isNotEqualTo(Trees.inode(before.resolve("Packages")));
        assertThat(Trees.contents(before)).containsEntry("Packages", "index v1").doesNotContainKey("luci/luci_2.ipk");
        assertThat(Trees.contents(after)).containsEntry("Packages", "index v2").containsEntry("luci/luci_2.ipk", "luci two");
        assertThat(second.stats()).isEqualTo(new CopyStats(2, 2, 16, 14));
        for (Path file : Trees.files(after)) {
            assertThat(Trees.inode(file)).isNotIn(Trees.files(source).stream().map(Trees::inode).toList());
        }
    }

    @Test
    void theManifestListsEveryFileWithItsHash() {
        SnapshotWrite first = write(repository(false));

        Manifest manifest = Manifest.read(snapshots.resolve(first.name())).orElseThrow();
        assertThat(manifest.byPath()).containsOnlyKeys("Packages", "base/base-files_1.ipk", "luci/luci_1.ipk");
        assertThat(manifest.byPath().get("luci/luci_1.ipk").sha256())
                .isEqualTo(sha256("luci"));
        assertThat(manifest.byPath().get("luci/luci_1.ipk").size()).isEqualTo(4);
    }

    @Test
    void compareContentSharesByHashWhateverTheModificationTime() {
        Repository repository = repository(true);
        SnapshotWrite first = write(repository);
        Trees.write(source.resolve("packages/luci/luci_1.ipk"), "luci", "2026-11-21T11:00:00Z");
        Trees.write(source.resolve("packages/Packages"), "index v9", "2026-11-20T10:00:00Z");
        parceler.clock().advance(Duration.ofHours(1));

        SnapshotWrite second = write(repository);

        Path before = snapshots.resolve(first.name());
        Path after = snapshots.resolve(second.name());
        assertThat(Trees.inode(after.resolve("luci/luci_1.ipk"))).isEqualTo(Trees.inode(before.resolve("luci/luci_1.ipk")));
        assertThat(Trees.contents(after)).containsEntry("Packages", "index v9");
        assertThat(Trees.inode(after.resolve("Packages"))).isNotEqualTo(Trees.inode(before.resolve("Packages")));
    }

    @Test
    void quickCheckIsFooledOnlyBySameSizeAndTime() {
        Repository repository = repository(false);
        SnapshotWrite first = write(repository);
        Trees.write(source.resolve("packages/Packages"), "index v9", "2026-11-20T10:00:00Z");
        parceler.clock().advance(Duration.ofHours(1));

        SnapshotWrite second = write(repository);

        assertThat(Trees.contents(snapshots.resolve(second.name()))).as("as rsync's quick check: same size and time means unchanged")
                .containsEntry("Packages", "index v1");
        assertThat(first.name()).isNotEqualTo(second.name());
    }

    @Test
    void twoSnapshotsInOneSecondGetDistinctNames() {
        Repository repository = repository(false);

        assertThat(write(repository).name()).isEqualTo("2026-11-21T12:00:00+00:00");
        assertThat(write(repository).name()).isEqualTo("2026-11-21T12:00:01+00:00");
    }

    @Test
    void leftoversOfAnInterruptedSnapshotAreRemovedAndNeverListed() {
        Repository repository = repository(false);
        Trees.write(snapshots.resolve(".2026-11-21T11:00:00+00:00.partial/Packages"), "half");
        assertThat(parceler.installation().snapshotComponents().catalog().snapshots(repository)).noneMatch(name -> name.contains("partial"));

        SnapshotWrite written = write(repository);

        assertThat(Trees.names(snapshots)).containsExactly(written.name());
    }

    @Test
    void aMissingSourceMakesNoSnapshot() {
        Repository repository = parceler.installation().repositoryComponents().repositories().create(
                new NewRepository("base", "true", Optional.of("missing"), 7));

        assertThatThrownBy(() -> write(repository)).isInstanceOf(SnapshotException.class)
                .hasMessage("Nothing to snapshot: source/base/missing is not a folder on the disk.");
        assertThat(Trees.names(snapshots)).isEmpty();
    }

    @Test
    void aSnapshotMadeByHandIsAPreviousSnapshotToo() {
        Repository repository = repository(false);
        Trees.write(snapshots.resolve("2026-11-20T00:00:00+00:00/base/base-files_1.ipk"), "base files", "2026-11-20T10:00:00Z");

        SnapshotWrite written = write(repository);

        assertThat(written.stats().filesLinked()).isEqualTo(1);
        assertThat(Trees.inode(snapshots.resolve(written.name()).resolve("base/base-files_1.ipk")))
                .isEqualTo(Trees.inode(snapshots.resolve("2026-11-20T00:00:00+00:00/base/base-files_1.ipk")));
    }

    private static String sha256(String content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
