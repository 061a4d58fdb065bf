package dev.parceler.snapshot;

import dev.parceler.repository.FastLane;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.repository.Ring;
import dev.parceler.repository.RingStore;
import dev.parceler.storage.Disk;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Deletes timestamped snapshots. Never the frozen folder, never a folder made by hand, never a
 * snapshot the switch grace holds (served or pinned within {@code SWITCH_GRACE}).
 */
public final class SnapshotCleaner {
    private final Disk disk;
    private final SnapshotCatalog catalog;
    private final ServingPlan plan;
    private final SnapshotChanges changes;
    private final Duration settle;
    private final ServedHistory history;
    private final int keepServed;
    private final SwitchGrace grace;
    private final RepositoryStore repositories;
    private final RingStore rings;

    /**
     * @param settle how long to wait after a new snapshot before deleting: on s3, app processes
     *     notice the new snapshot within {@code ServedSnapshots}' freshness, and until then they
     *     still hand out redirects into the old one
     */
    public SnapshotCleaner(Disk disk, SnapshotCatalog catalog, ServingPlan plan, SnapshotChanges changes,
            Duration settle, ServedHistory history, int keepServed, SwitchGrace grace, RepositoryStore repositories, RingStore rings) {
        this.grace = grace;
        this.rings = rings;
        this.repositories = repositories;
        this.history = history;
        this.keepServed = keepServed;
        this.disk = disk;
        this.catalog = catalog;
        this.plan = plan;
        this.changes = changes;
        this.settle = settle;
    }

    /**
     * After a new snapshot: deletes those older than now − delay (the longest of the repository's
     * and its rings', so that a slow ring's next snapshots stay) or than the last release, but the
     * ones served (by the repository's delay and by each ring), the last {@code keepServed} that have
     * been served (the served ones are recorded first) and those the switch grace holds; returns
     * their names.
     */
    public List<String> clean(Repository repository) {
        // One listing for both questions: on s3 each costs a request per snapshot.
        List<String> snapshots = catalog.snapshots(repository);
        List<Ring> ringList = rings.all(repository.name());
        Instant windowStart = plan.slowestWindowStart(repository, ringList);
        Set<String> served = servedByEveryRing(repository, ringList, snapshots);
        Set<String> kept = kept(repository, snapshots);
        keepOrCloseFastLane(repository, served, kept);
        List<String> deleted = delete(repository, snapshots,
                (name, takenAt) -> (takenAt.isBefore(windowStart) || StablePathSelector.releasedPast(repository, name))
                        && !served.contains(name) && !kept.contains(name));
        history.forget(repository.name(), deleted);
        return deleted;
    }

    /**
     * After a release: records the snapshot served until now, makes {@code keep} the repository's
     * released snapshot (so that it is served at once: the delay no longer chooses older ones), and
     * deletes every other timestamped snapshot but the frozen folder, the last {@code keepServed}
     * served ones (a way back) and those the switch grace holds (machines in the middle of an
     * update). {@code keep} exists before anything is deleted, so the repository never serves nothing.
     */
    public List<String> release(Repository repository, String keep) {
        List<String> snapshots = catalog.snapshots(repository);
        servedByEveryRing(repository, rings.all(repository.name()), snapshots);
        repositories.released(repository.name(), keep);
        changes.record(repository.name());
        history.record(repository.name(), keep);
        Set<String> kept = kept(repository, snapshots);
        List<String> deleted = delete(repository.withReleased(keep), snapshots, (name, takenAt) -> !name.equals(keep) && !kept.contains(name));
        history.forget(repository.name(), deleted);
        return deleted;
    }

    /**
     * Opens a fast lane after its snapshot is made: {@code path} is served from {@code snapshot} by
     * every ring at once (app processes notice within a second), then cleans up as after any sync.
     */
    public List<String> openFastLane(Repository repository, FastLane lane) {
        if (!disk.isFolder(dev.parceler.storage.DiskPath.join(catalog.snapshotPath(repository, lane.snapshot()), lane.path()))) {
            throw new SnapshotException("The new snapshot " + lane.snapshot() + " has no folder '" + lane.path()
                    + "': no fast lane opened (the snapshot is served by the delay as any other)");
        }
        repositories.openFastLane(repository.name(), lane);
        changes.record(repository.name());
        return clean(repositories.find(repository.name()).orElse(repository));
    }

    /**
     * A fast lane's snapshot is kept while some ring still serves an older one; once every ring
     * (and the repository's delay) has caught up with it, the lane is closed: it would change nothing.
     */
    private void keepOrCloseFastLane(Repository repository, Set<String> served, Set<String> kept) {
        Optional<FastLane> lane = repository.fastLane();
        if (lane.isEmpty()) {
            return;
        }
        if (plan.laneAhead(repository, served)) {
            kept.add(lane.get().snapshot());
        } else if (repositories.closeFastLane(repository.name())) {
            changes.record(repository.name());
        }
    }

    /** The snapshots the repository's delay and each of its rings serve now, each recorded as served. */
    private Set<String> servedByEveryRing(Repository repository, List<Ring> ringList, List<String> snapshots) {
        Set<String> served = plan.servedByEveryGroup(repository, ringList, snapshots);
        served.forEach(folder -> history.record(repository.name(), folder));
        return served;
    }

    /** The last {@code keepServed} served snapshots, and those the switch grace holds. */
    private Set<String> kept(Repository repository, List<String> snapshots) {
        List<String> servedBefore = history.served(repository.name(), snapshots);
        Set<String> kept = new HashSet<>(servedBefore.subList(0, Math.min(keepServed, servedBefore.size())));
        kept.addAll(grace.held(repository.name()));
        grace.forgetExpiredPins(repository.name());
        return kept;
    }

    private List<String> delete(Repository repository, List<String> snapshots, BiPredicate<String, Instant> doomed) {
        List<String> deleted = new ArrayList<>();
        for (Map.Entry<String, Instant> snapshot : StablePathSelector.timestamped(snapshots).entrySet()) {
            String name = snapshot.getKey();
            boolean frozen = repository.freeze().filter(name::equals).isPresent();
            if (!frozen && doomed.test(name, snapshot.getValue())) {
                deleted.add(name);
            }
        }
        if (deleted.isEmpty()) {
            return deleted;
        }
        settle();
        // Newest first: the served snapshot is the oldest inside the delay, so it goes last and the
        // repository moves to the snapshot it keeps once, instead of to each doomed one in turn.
        deleted.sort(java.util.Comparator.reverseOrder());
        for (String name : deleted) {
            disk.deleteFolder(catalog.snapshotPath(repository, name));
        }
        deleted.sort(null);
        changes.record(repository.name());
        return deleted;
    }

    private void settle() {
        if (settle.isZero()) {
            return;
        }
        try {
            Thread.sleep(settle.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnapshotException("Cleanup interrupted", e);
        }
    }
}
