package dev.parceler.snapshot;

/** The snapshot folder a repository serves, and why that one. */
public record ServedSnapshot(String folder, Reason reason) {

    public enum Reason {
        /** The repository is frozen on this folder. */
        FROZEN,
        /** The oldest timestamped snapshot that is not older than the delay. */
        WITHIN_DELAY,
        /** No snapshot is recent enough: the newest one, which has aged at least the delay. */
        NEWEST_PAST_DELAY,
        /** Strict policy: the newest snapshot that has aged at least the delay. */
        AGED_PAST_DELAY,
        /** Strict policy: no snapshot has aged the delay yet: the oldest one. */
        OLDEST_NOT_YET_AGED
    }
}
