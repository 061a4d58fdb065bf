package dev.parceler.snapshot;

import dev.parceler.repository.DelayPolicy;
import dev.parceler.repository.Repository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Chooses the snapshot a repository serves: the frozen folder when frozen; otherwise, by the
 * repository's policy, {@code window}: the oldest timestamped snapshot taken no earlier than
 * {@code delay} days ago, and when none is that recent the newest one; {@code strict}: the newest
 * snapshot taken at least {@code delay} days ago, and when none is that old the oldest one (so
 * that after an outage a first new sync is not served at once). Nothing when there is no
 * timestamped snapshot. Folders whose names are not timestamps are ignored unless frozen to.
 * After a release, snapshots taken before the released one are left out, so the release is
 * served at once while older snapshots may stay on disk (switch grace, a way back); when the
 * released snapshot and every later one are gone, the rule applies to what is there. While the
 * rollout is halted ({@code repo:halt}), the rule is applied as at the halt, to the snapshots taken
 * by then: every ring keeps what it served.
 */
public final class StablePathSelector {
    private final Clock clock;

    public StablePathSelector(Clock clock) {
        this.clock = clock;
    }

    public Optional<ServedSnapshot> select(Repository repository, Collection<String> folders) {
        if (repository.freeze().isPresent()) {
            return Optional.of(new ServedSnapshot(repository.freeze().get(), ServedSnapshot.Reason.FROZEN));
        }
        Map<String, Instant> taken = halted(repository, candidates(repository, timestamped(folders)));
        if (taken.isEmpty()) {
            return Optional.empty();
        }
        Instant windowStart = repository.halted().orElseGet(clock::instant).minus(Duration.ofDays(repository.delay()));
        // Ties (one instant written with two offsets) are broken by name, so the choice is stable.
        Comparator<Map.Entry<String, Instant>> byTime =
                Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey());
        if (repository.policy() == DelayPolicy.STRICT) {
            return taken.entrySet().stream()
                    .filter(snapshot -> !snapshot.getValue().isAfter(windowStart))
                    .max(byTime)
                    .map(snapshot -> new ServedSnapshot(snapshot.getKey(), ServedSnapshot.Reason.AGED_PAST_DELAY))
                    .or(() -> taken.entrySet().stream()
                            .min(byTime)
                            .map(snapshot -> new ServedSnapshot(snapshot.getKey(), ServedSnapshot.Reason.OLDEST_NOT_YET_AGED)));
        }
        return taken.entrySet().stream()
                .filter(snapshot -> !snapshot.getValue().isBefore(windowStart))
                .min(byTime)
                .map(snapshot -> new ServedSnapshot(snapshot.getKey(), ServedSnapshot.Reason.WITHIN_DELAY))
                .or(() -> taken.entrySet().stream()
                        .max(byTime)
                        .map(snapshot -> new ServedSnapshot(snapshot.getKey(), ServedSnapshot.Reason.NEWEST_PAST_DELAY)));
    }

    /**
     * Until when {@link #select} keeps its answer for these folders as time alone passes: the first
     * instant after now at which the window's edge (now − delay) passes a snapshot the rule may
     * choose. The window policy leaves a snapshot just after its edge reaches it, the strict policy
     * takes one as its edge reaches it. {@link Instant#MAX} when frozen, halted (the edge stands
     * still) or when no such snapshot lies ahead. A new snapshot, a release or another change of
     * the repository changes the answer too: those are the caller's to notice.
     */
    public Instant stableUntil(Repository repository, Collection<String> folders) {
        if (repository.freeze().isPresent() || repository.halted().isPresent()) {
            return Instant.MAX;
        }
        Instant now = clock.instant();
        Duration delay = Duration.ofDays(repository.delay());
        // The window keeps a snapshot taken exactly at its edge; strict takes it then.
        Duration past = repository.policy() == DelayPolicy.STRICT ? Duration.ZERO : Duration.ofNanos(1);
        return candidates(repository, timestamped(folders)).values().stream()
                .map(taken -> taken.plus(delay).plus(past))
                .filter(crossing -> crossing.isAfter(now))
                .min(Comparator.naturalOrder())
                .orElse(Instant.MAX);
    }

    /** Snapshots taken before this instant are past the repository's delay. */
    public Instant windowStart(Repository repository) {
        return clock.instant().minus(Duration.ofDays(repository.delay()));
    }

    /** The timestamped snapshots the delay may choose from: none taken before the last release. */
    private static Map<String, Instant> candidates(Repository repository, Map<String, Instant> taken) {
        Optional<Instant> released = repository.released().flatMap(SnapshotTimestamp::parse);
        if (released.isEmpty()) {
            return taken;
        }
        Map<String, Instant> since = taken.entrySet().stream()
                .filter(snapshot -> !snapshot.getValue().isBefore(released.get()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return since.isEmpty() ? taken : since;
    }

    /** While halted, the snapshots taken by the halt (all of them when none was: something must be served). */
    private static Map<String, Instant> halted(Repository repository, Map<String, Instant> taken) {
        if (repository.halted().isEmpty()) {
            return taken;
        }
        Map<String, Instant> byThen = taken.entrySet().stream()
                .filter(snapshot -> !snapshot.getValue().isAfter(repository.halted().get()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return byThen.isEmpty() ? taken : byThen;
    }

    /** Whether the delay can no longer choose {@code folder} because a later snapshot was released. */
    public static boolean releasedPast(Repository repository, String folder) {
        Optional<Instant> released = repository.released().flatMap(SnapshotTimestamp::parse);
        Optional<Instant> taken = SnapshotTimestamp.parse(folder);
        return released.isPresent() && taken.isPresent() && taken.get().isBefore(released.get());
    }

    static Map<String, Instant> timestamped(Collection<String> folders) {
        return folders.stream()
                .flatMap(folder -> SnapshotTimestamp.parse(folder).map(instant -> Map.entry(folder, instant)).stream())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (first, second) -> first));
    }
}
