package dev.parceler.snapshot;

import dev.parceler.repository.Repository;
import dev.parceler.storage.Disk;
import dev.parceler.storage.DiskPath;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshots of each repository as they are on the disk right now: operators may delete
 * snapshot folders by hand at any time, so nothing here is remembered between calls.
 */
public final class SnapshotCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotCatalog.class);

    private final Disk disk;
    private final String snapshotFolder;
    private final StablePathSelector selector;
    private final SnapshotCompletion completion;

    public SnapshotCatalog(Disk disk, String snapshotFolder, StablePathSelector selector, SnapshotCompletion completion) {
        this.disk = disk;
        this.snapshotFolder = snapshotFolder;
        this.selector = selector;
        this.completion = completion;
    }

    /** Disk path of the folder holding a repository's snapshots. */
    public String repositoryFolder(Repository repository) {
        return DiskPath.join(snapshotFolder, repository.name());
    }

    /** Disk path of one snapshot folder. */
    public String snapshotPath(Repository repository, String snapshot) {
        return DiskPath.join(repositoryFolder(repository), snapshot);
    }

    /**
     * Snapshot folder names, sorted. Snapshots still being written (or left by an interrupted
     * write) are never listed: hidden folders, and timestamped folders not yet complete. Folders
     * made by hand under other names are listed as they are.
     */
    public List<String> snapshots(Repository repository) {
        return disk.folders(repositoryFolder(repository)).stream()
                .filter(folder -> !folder.startsWith("."))
                .filter(folder -> SnapshotTimestamp.parse(folder).isEmpty()
                        || completion.isComplete(snapshotPath(repository, folder)))
                .toList();
    }

    public Optional<ServedSnapshot> served(Repository repository) {
        Optional<ServedSnapshot> served = selector.select(repository, snapshots(repository));
        served.filter(snapshot -> snapshot.reason() == ServedSnapshot.Reason.NEWEST_PAST_DELAY)
                .ifPresent(snapshot -> LOG.warn(
                        "Repository '{}' has no snapshot within its delay of {} days; serving the newest, '{}'.",
                        repository.name(), repository.delay(), snapshot.folder()));
        return served;
    }

    /** Disk path of the served snapshot, if any. */
    public Optional<String> servedPath(Repository repository) {
        return served(repository).map(snapshot -> snapshotPath(repository, snapshot.folder()));
    }
}
