package dev.parceler.snapshot;

import dev.parceler.repository.Repository;
import dev.parceler.storage.Disk;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Deletes timestamped snapshots. Never the frozen folder, never a folder made by hand.
 */
public final class SnapshotCleaner {
    private final Disk disk;
    private final SnapshotCatalog catalog;
    private final StablePathSelector selector;

    public SnapshotCleaner(Disk disk, SnapshotCatalog catalog, StablePathSelector selector) {
        this.disk = disk;
        this.catalog = catalog;
        this.selector = selector;
    }

    /** After a new snapshot: deletes those older than now − delay; returns their names. */
    public List<String> clean(Repository repository) {
        Instant windowStart = selector.windowStart(repository);
        Optional<String> served = catalog.served(repository).map(ServedSnapshot::folder);
        return delete(repository, (name, takenAt) -> takenAt.isBefore(windowStart) && served.filter(name::equals).isEmpty());
    }

    /**
     * After a milestone: deletes every timestamped snapshot but {@code keep}, the one served
     * until now included, so that {@code keep} is served. {@code keep} exists before anything is
     * deleted, so the repository never serves nothing.
     */
    public List<String> keepOnly(Repository repository, String keep) {
        return delete(repository, (name, takenAt) -> !name.equals(keep));
    }

    private List<String> delete(Repository repository, BiPredicate<String, Instant> doomed) {
        List<String> deleted = new ArrayList<>();
        for (Map.Entry<String, Instant> snapshot : StablePathSelector.timestamped(catalog.snapshots(repository)).entrySet()) {
            String name = snapshot.getKey();
            boolean frozen = repository.freeze().filter(name::equals).isPresent();
            if (!frozen && doomed.test(name, snapshot.getValue())) {
                disk.deleteFolder(catalog.snapshotPath(repository, name));
                deleted.add(name);
            }
        }
        deleted.sort(null);
        return deleted;
    }
}
