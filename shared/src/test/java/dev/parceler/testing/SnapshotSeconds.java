package dev.parceler.testing;

import dev.parceler.snapshot.SnapshotTimestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Snapshot folders are named after the second they are taken in, or the next free second when one
 * already has that name: a snapshot taken in the same second as the one before would be named a
 * second ahead of the clock, and look not yet published to a delay of 0. Tests that take one
 * snapshot after another wait here, for the wall clock (which the worker processes follow) to reach
 * the second after the last snapshot's name, rather than sleeping a second whatever the time.
 */
public final class SnapshotSeconds {
    private SnapshotSeconds() {
    }

    /** Returns once a snapshot taken from now on is named after a later second than {@code snapshotName}. */
    public static void awaitAfter(String snapshotName) {
        Instant next = SnapshotTimestamp.parse(snapshotName)
                .orElseThrow(() -> new IllegalArgumentException("not a snapshot timestamp: " + snapshotName))
                .plusSeconds(1);
        Eventually.await(Duration.ofSeconds(5), "the second after snapshot " + snapshotName, () -> !Instant.now().isBefore(next));
    }
}
