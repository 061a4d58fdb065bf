package dev.parceler.web;

import dev.parceler.snapshot.Manifest;
import dev.parceler.storage.Disk;
import dev.parceler.storage.DiskPath;
import java.util.Optional;

/** Reads the manifest of a snapshot on either disk; empty for folders made by hand. */
final class SnapshotManifests {
    private final Disk disk;

    SnapshotManifests(Disk disk) {
        this.disk = disk;
    }

    Optional<Manifest> of(String snapshotPath) {
        return disk.read(DiskPath.join(snapshotPath, Manifest.FILE_NAME)).flatMap(Manifest::fromBytes);
    }
}
