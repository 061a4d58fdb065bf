package dev.parceler.snapshot;

import dev.parceler.repository.Repository;
import dev.parceler.storage.Disk;
import dev.parceler.storage.DiskPath;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshots of each repository as they are on the disk right now: operators may delete
 * snapshot folders by hand at any time, so nothing of the disk is remembered between calls.
 * What is remembered is which fallback to the newest snapshot was last logged, so that a
 * repository served past its delay is logged once each time that changes, not on every download.
 */
public final class SnapshotCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotCatalog.class);

    private final Disk disk;
    private final String snapshotFolder;
    private final StablePathSelector selector;
    private final SnapshotCompletion completion;
    /** By repository name: the newest snapshot last logged as served past the delay. */
    private final Map<String, PastDelay> loggedPastDelay = new ConcurrentHashMap<>();

    private record PastDelay(String folder, int delay) {
    }

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
        noteServed(repository, served);
        return served;
    }

    /**
     * What {@code repository} (as a group of machines sees it: with its ring's delay) is served, as
     * the {@link ServingPlan} chose it: a fallback to the newest snapshot is logged once per change.
     */
    public void noteServed(Repository repository, Optional<ServedSnapshot> served) {
        if (served.isPresent() && served.get().reason() == ServedSnapshot.Reason.NEWEST_PAST_DELAY) {
            logPastDelay(repository, served.get().folder());
        } else {
            // Served as its delay asks (or not at all): a later fallback is news again.
            loggedPastDelay.remove(repository.name());
        }
    }

    /**
     * Logs a fallback to the newest snapshot unless this one was the last logged. With a delay of
     * 0 days no snapshot is ever within the delay, so the newest is what the repository is meant
     * to serve: that is said at info, the fallback of a longer delay (syncs have stopped) at warn.
     */
    private void logPastDelay(Repository repository, String folder) {
        PastDelay now = new PastDelay(folder, repository.delay());
        if (now.equals(loggedPastDelay.put(repository.name(), now))) {
            return;
        }
        if (repository.delay() == 0) {
            LOG.info("Repository '{}' has a delay of 0 days; serving its newest snapshot, '{}'.", repository.name(), folder);
        } else {
            LOG.warn("Repository '{}' has no snapshot within its delay of {} days; serving the newest, '{}'.",
                    repository.name(), repository.delay(), folder);
        }
    }

    /** The newest timestamped snapshot taken at or before {@code at}: what the repository held then. */
    public Optional<String> asOf(Repository repository, java.time.Instant at) {
        return StablePathSelector.timestamped(snapshots(repository)).entrySet().stream()
                .filter(snapshot -> !snapshot.getValue().isAfter(at))
                .max(java.util.Map.Entry.<String, java.time.Instant>comparingByValue().thenComparing(java.util.Map.Entry.comparingByKey()))
                .map(java.util.Map.Entry::getKey);
    }

    /** Disk path of the served snapshot, if any. */
    public Optional<String> servedPath(Repository repository) {
        return served(repository).map(snapshot -> snapshotPath(repository, snapshot.folder()));
    }
}
