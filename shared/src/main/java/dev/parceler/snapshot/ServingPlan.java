package dev.parceler.snapshot;

import dev.parceler.repository.FastLane;
import dev.parceler.repository.Repository;
import dev.parceler.repository.Ring;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which snapshot serves which machines and files of a repository, decided from the repository (its
 * freeze, delay, policy, release, halt and fast lane), its rings, the snapshots it has and the
 * time: the one rule the downloads ({@code ServedSnapshots}) and the cleanup ({@link
 * SnapshotCleaner}) both follow. Each group of machines, a ring or the machines in none (the
 * repository's own delay), is served what the {@link StablePathSelector} chooses with the group's
 * delay; a fast lane serves its folder from its own, newer snapshot to every group still behind
 * it, unless the repository is frozen. Nothing here reads a disk or a database.
 */
public final class ServingPlan {
    private final StablePathSelector selector;

    public ServingPlan(StablePathSelector selector) {
        this.selector = selector;
    }

    /**
     * What a group of machines is served: the snapshot, the fast lane that applies over it (its
     * snapshot among {@code snapshots}), and until when this holds as time alone passes.
     */
    public record Serving(ServedSnapshot snapshot, Optional<FastLane> lane, Instant stableUntil) {
        public String folder() {
            return snapshot.folder();
        }

        /** The snapshot a file of {@code fileFolder} comes from: the fast lane's when the lane holds the folder. */
        public String snapshotFor(String fileFolder) {
            return lane.filter(open -> open.holds(fileFolder)).map(FastLane::snapshot).orElse(snapshot.folder());
        }
    }

    /** The repository as the machines of {@code ring} see it: with the ring's delay (none: the machines in no ring). */
    public static Repository group(Repository repository, Optional<Ring> ring) {
        return ring.map(chosen -> repository.withDelay(chosen.delay())).orElse(repository);
    }

    /** What the machines of {@code ring} are served (none: the machines in no ring, by the repository's delay), if anything. */
    public Optional<Serving> serving(Repository repository, Optional<Ring> ring, Collection<String> snapshots) {
        Repository group = group(repository, ring);
        return selector.select(group, snapshots).map(served -> new Serving(served,
                lane(repository, served.folder()).filter(open -> snapshots.contains(open.snapshot())),
                selector.stableUntil(group, snapshots)));
    }

    /** The snapshots served now: the repository's delay's and each ring's (the fast lane's aside). */
    public Set<String> servedByEveryGroup(Repository repository, List<Ring> rings, Collection<String> snapshots) {
        Set<String> served = new LinkedHashSet<>();
        selector.select(repository, snapshots).map(ServedSnapshot::folder).ifPresent(served::add);
        for (Ring ring : rings) {
            selector.select(group(repository, Optional.of(ring)), snapshots).map(ServedSnapshot::folder).ifPresent(served::add);
        }
        return served;
    }

    /**
     * The window's edge of the slowest group, the repository's delay or its longest ring's: a
     * snapshot taken before it is past every group's delay, so time alone never serves it again.
     */
    public Instant slowestWindowStart(Repository repository, List<Ring> rings) {
        int longest = rings.stream().mapToInt(Ring::delay).reduce(repository.delay(), Math::max);
        return selector.windowStart(repository.withDelay(longest));
    }

    /**
     * Whether the repository's fast lane can still change what some group is served, given what
     * the groups are served: while frozen (it applies again after the unfreeze), or while a group
     * is served a snapshot older than the lane's. Once none is, the lane changes nothing.
     */
    public boolean laneAhead(Repository repository, Collection<String> served) {
        return repository.fastLane().isPresent()
                && (repository.frozen() || served.stream().anyMatch(folder -> behind(folder, repository.fastLane().get())));
    }

    /** The fast lane that applies over the served snapshot: not frozen, and the lane's snapshot newer. */
    private static Optional<FastLane> lane(Repository repository, String served) {
        if (repository.frozen()) {
            return Optional.empty();
        }
        return repository.fastLane().filter(open -> behind(served, open));
    }

    /** Whether a snapshot was taken before the lane's. */
    private static boolean behind(String snapshot, FastLane lane) {
        Optional<Instant> taken = SnapshotTimestamp.parse(snapshot);
        Optional<Instant> laneTaken = SnapshotTimestamp.parse(lane.snapshot());
        return taken.isPresent() && laneTaken.isPresent() && taken.get().isBefore(laneTaken.get());
    }
}
