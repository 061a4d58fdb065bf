package dev.parceler.snapshot;

import dev.parceler.database.MetaValues;
import dev.parceler.database.SharedState;

/**
 * A counter per repository ({@link dev.parceler.repository.ServingChanges}), moved whenever
 * Parceler makes or deletes one of its snapshots (and, by the stores, whenever a write changes
 * what is served), kept in the database so that every app process sees it. It tells caches of the served snapshot to
 * look again on disks that cannot stamp a folder (s3), within {@link SharedState#NOTICED_WITHIN}.
 */
public final class SnapshotChanges {
    /** How soon app processes see a change (they read the counter again after {@link SharedState#REREAD}). */
    public static final java.time.Duration NOTICED_WITHIN = SharedState.NOTICED_WITHIN;

    private final MetaValues values;

    public SnapshotChanges(MetaValues values) {
        this.values = values;
    }

    public void record(String repository) {
        values.increment(key(repository));
    }

    public long count(String repository) {
        return values.get(key(repository)).map(Long::parseLong).orElse(0L);
    }

    private static String key(String repository) {
        return dev.parceler.repository.ServingChanges.key(repository);
    }
}
