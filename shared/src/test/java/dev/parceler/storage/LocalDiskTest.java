package dev.parceler.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalDiskTest {
    @TempDir
    Path root;
    private LocalDisk disk;

    @BeforeEach
    void tree() throws Exception {
        Files.createDirectories(root.resolve("snapshots/base/b/sub"));
        Files.createDirectories(root.resolve("snapshots/base/a"));
        Files.writeString(root.resolve("snapshots/base/b/Packages"), "p");
        Files.writeString(root.resolve("snapshots/base/b/sub/x.ipk"), "x");
        Files.writeString(root.resolve("snapshots/base/file-not-folder"), "f");
        disk = new LocalDisk(root);
    }

    @Test
    void listsFoldersSortedAndFilesRecursively() {
        assertThat(disk.folders("snapshots/base")).containsExactly("a", "b");
        assertThat(disk.files("snapshots/base/b")).containsExactly("snapshots/base/b/Packages", "snapshots/base/b/sub/x.ipk");
        assertThat(disk.files(".")).containsExactly("snapshots/base/b/Packages", "snapshots/base/b/sub/x.ipk",
                "snapshots/base/file-not-folder");
        assertThat(disk.isFolder("snapshots/base/a")).isTrue();
        assertThat(disk.isFile("snapshots/base/b/Packages")).isTrue();
        assertThat(disk.isFile("snapshots/base/b")).isFalse();
    }

    @Test
    void missingFoldersAreEmpty() {
        assertThat(disk.folders("snapshots/none")).isEmpty();
        assertThat(disk.files("snapshots/none")).isEmpty();
        assertThat(disk.folders("snapshots/base/file-not-folder")).isEmpty();
    }

    @Test
    void symbolicLinksAreNotFollowed() throws Exception {
        Path outside = Files.createTempDirectory("outside");
        Files.writeString(outside.resolve("secret"), "s");
        Files.createSymbolicLink(root.resolve("snapshots/base/link"), outside);

        assertThat(disk.folders("snapshots/base")).containsExactly("a", "b");
        assertThat(disk.files("snapshots/base")).noneMatch(path -> path.contains("secret"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../x", "snapshots/../../x", "/etc", "a\\..\\b", "a\0b"})
    void pathsLeavingTheRootAreRefused(String path) {
        assertThatThrownBy(() -> disk.files(path)).isInstanceOf(OutsideDiskException.class)
                .hasMessage("Path '" + path + "' is outside the disk.");
    }

    @Test
    void joinDropsEmptyAndDotSegments() {
        assertThat(DiskPath.join("snapshots/", "/base", ".", "2026")).isEqualTo("snapshots/base/2026");
        assertThat(DiskPath.join(".", "")).isEmpty();
    }
}
