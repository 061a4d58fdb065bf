package dev.parceler.repository;

import java.time.Instant;
import java.util.Optional;

/**
 * A mirrored upstream repository: the command that syncs it into {@code source/<name>}, the
 * sub-folder of that copy that is published, how many days releases are held back, and the
 * snapshot folder it is frozen on, if any. {@code compareContent} makes snapshots tell unchanged
 * files by their sha256 instead of their size and modification time (for upstreams whose sync
 * does not keep modification times). {@code feedCheck} checks feed indexes before a snapshot is
 * made; {@code policy} is how the delay chooses the served snapshot; {@code rollback} says the
 * freeze was set by {@code repo:rollback}; {@code released} is the snapshot the last release
 * published: the delay no longer chooses timestamped snapshots taken before it; {@code halted}
 * is when {@code repo:halt} stopped the rollout: until {@code repo:resume}, every ring serves what
 * it served then; {@code fastLane} is a folder served from a newer snapshot ({@code repo:release
 * --path}).
 */
public record Repository(
        long id,
        String name,
        String command,
        Optional<String> subDir,
        int delay,
        Optional<String> freeze,
        boolean compareContent,
        boolean feedCheck,
        DelayPolicy policy,
        boolean rollback,
        Optional<String> released,
        Optional<Instant> halted,
        Optional<FastLane> fastLane,
        Instant createdAt,
        Instant updatedAt) {

    /** A repository with the defaults of the later settings: feed check on, window policy, no rollback. */
    public Repository(long id, String name, String command, Optional<String> subDir, int delay, Optional<String> freeze,
            boolean compareContent, Instant createdAt, Instant updatedAt) {
        this(id, name, command, subDir, delay, freeze, compareContent, true, DelayPolicy.WINDOW, false, Optional.empty(),
                Optional.empty(), Optional.empty(), createdAt, updatedAt);
    }

    public Repository withPolicy(DelayPolicy newPolicy) {
        return new Repository(id, name, command, subDir, delay, freeze, compareContent, feedCheck, newPolicy, rollback,
                released, halted, fastLane, createdAt, updatedAt);
    }

    public Repository withReleased(String snapshot) {
        return new Repository(id, name, command, subDir, delay, freeze, compareContent, feedCheck, policy, rollback,
                Optional.of(snapshot), halted, fastLane, createdAt, updatedAt);
    }

    /** The repository as a ring of it sees it: the ring's delay instead of its own. */
    public Repository withDelay(int ringDelay) {
        return new Repository(id, name, command, subDir, ringDelay, freeze, compareContent, feedCheck, policy, rollback,
                released, halted, fastLane, createdAt, updatedAt);
    }

    public Repository withHalted(Instant at) {
        return new Repository(id, name, command, subDir, delay, freeze, compareContent, feedCheck, policy, rollback,
                released, Optional.of(at), fastLane, createdAt, updatedAt);
    }

    public boolean frozen() {
        return freeze.isPresent();
    }
}
