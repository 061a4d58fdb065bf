package dev.parceler.parity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.storage.Disk;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.TestInstallations;
import dev.parceler.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Upstream's {@code tests/Feature/Jobs/DeleteSnapshotTest.php}. Parceler deletes snapshots within
 * its cleanup and release jobs, through the disk's {@code deleteFolder}: that is what is run here.
 */
@ExtendWith(TestInstallations.class)
class DeleteSnapshotParityIT {
    static final String SNAPSHOT = "snapshots/test/2026-01-14T10:30:45+00:00";

    private TestInstallation parceler;
    private Disk disk;

    @BeforeEach
    void open(TestInstallation parceler) {
        this.parceler = parceler;
        disk = parceler.installation().volume().disk();
    }

    @Test
    @DisplayName("test it deletes a snapshot directory")
    void aSnapshotFolderIsDeleted() {
        Path snapshot = parceler.snapshot("test", "2026-01-14T10:30:45+00:00", Map.of("file.txt", "content"));
        assertThat(snapshot.resolve("file.txt")).exists();

        disk.deleteFolder(SNAPSHOT);

        assertThat(snapshot).doesNotExist();
        assertThat(Trees.names(parceler.storageRoot().resolve("snapshots/test"))).as("nothing left, hidden or not").isEmpty();
    }

    @Test
    @DisplayName("test it handles non-existent directory gracefully")
    void aMissingFolderIsNoError() {
        assertThat(parceler.storageRoot().resolve("snapshots/test/non-existent")).doesNotExist();

        disk.deleteFolder("snapshots/test/non-existent");

        assertThat(parceler.storageRoot().resolve("snapshots/test/non-existent")).doesNotExist();
    }

    @Test
    @DisplayName("test it deletes multiple files within directory")
    void everyFileAndSubfolderIsDeleted() {
        Path snapshot = parceler.snapshot("test", "2026-01-14T10:30:45+00:00",
                Map.of("file1.txt", "content1", "file2.txt", "content2", "subdir/file3.txt", "content3"));

        disk.deleteFolder(SNAPSHOT);

        assertThat(snapshot).doesNotExist();
        assertThat(Files.exists(snapshot.resolve("subdir/file3.txt"))).isFalse();
        assertThat(Trees.names(parceler.storageRoot().resolve("snapshots/test"))).isEmpty();
    }
}
