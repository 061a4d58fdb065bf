package dev.parceler.snapshot;

/**
 * Whether a timestamped snapshot folder is whole. On the local disk a snapshot appears by a rename,
 * so every visible one is; on s3 objects appear one by one, and only a folder holding its
 * completion marker (the manifest, written last) counts.
 */
@FunctionalInterface
public interface SnapshotCompletion {

    boolean isComplete(String snapshotPath);

    /** Snapshots that become visible whole, by a rename. */
    static SnapshotCompletion renamedIntoPlace() {
        return snapshotPath -> true;
    }

    /** Snapshots whose completion marker is the manifest, written after every file. */
    static SnapshotCompletion markedOn(dev.parceler.storage.Disk disk) {
        return snapshotPath -> disk.isFile(dev.parceler.storage.DiskPath.join(snapshotPath, Manifest.FILE_NAME));
    }
}
