package dev.parceler.snapshot;

import dev.parceler.repository.Repository;

/** Makes a new timestamped snapshot of a repository's synced copy. One implementation per disk. */
public interface SnapshotWriter {

    /**
     * Copies {@code source/<name>/<sub_dir>} into {@code snapshots/<name>/<timestamp>}; the new
     * folder appears whole or not at all. The caller holds the repository's lease, so leftovers
     * of an interrupted write may be removed.
     */
    SnapshotWrite write(Repository repository);

    /**
     * Removes what an interrupted write left (hidden or unmarked folders), at the start of a job,
     * so that a crash's half-written snapshot does not hold the disk until the next snapshot. The
     * caller holds the repository's lease.
     */
    void removeUnfinished(Repository repository);
}
