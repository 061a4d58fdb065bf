package dev.parceler.database;

import java.time.Duration;

/**
 * The one rule of how soon a change made by any process reaches the downloads of every app
 * process sharing the database: a freeze, an unfreeze, a release, a snapshot made or deleted
 * by Parceler, maintenance on or off, all within {@link #NOTICED_WITHIN}. (A snapshot folder
 * deleted by hand is seen at the next download on the local disk, within the same bound on s3.)
 * App processes keep what they read from the database (and, on s3, whether the served snapshot
 * is still there) for {@link #REREAD} at most, which leaves the rest of the bound to the read.
 */
public final class SharedState {
    public static final Duration NOTICED_WITHIN = Duration.ofSeconds(1);
    public static final Duration REREAD = NOTICED_WITHIN.dividedBy(2);

    private SharedState() {
    }
}
