package dev.parceler.web;

import dev.parceler.snapshot.Manifest;
import dev.parceler.storage.Disk;
import dev.parceler.storage.DiskPath;
import dev.parceler.storage.LocalDisk;
import dev.parceler.storage.S3Disk;
import java.util.Optional;

/** Reads the manifest of a snapshot on either disk; empty for folders made by hand. */
final class SnapshotManifests {
    private final Disk disk;

    SnapshotManifests(Disk disk) {
        this.disk = disk;
    }

    Optional<Manifest> of(String snapshotPath) {
        if (disk instanceof LocalDisk local) {
            return Manifest.read(local.resolve(snapshotPath));
        }
        if (disk instanceof S3Disk s3) {
            return s3.read(DiskPath.join(snapshotPath, Manifest.FILE_NAME)).flatMap(Manifest::fromBytes);
        }
        return Optional.empty();
    }
}
