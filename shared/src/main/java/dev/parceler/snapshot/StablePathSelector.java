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
