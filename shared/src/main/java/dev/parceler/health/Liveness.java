package dev.parceler.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The one rule of process health. A process is <b>silent</b> when its last beat is older than
 * {@link #SILENT_AFTER} (processes beat every {@link #BEAT_EVERY}; the scheduler on every step
 * of its loop, which sleeps at most 30 s). It is <b>stuck</b> when it beats but does not do its
 * work: a worker whose oldest running job started more than {@code SYNC_TIMEOUT} plus
 * {@link #JOB_MARGIN} ago (the sync command is killed at {@code SYNC_TIMEOUT}; the margin is for
 * the snapshot and cleanup after it), or a scheduler whose next tick is more than
 * {@link #TICK_GRACE} past (it handles a tick within a second when all is well).
 */
public final class Liveness {
    public static final Duration BEAT_EVERY = Duration.ofSeconds(10);
    public static final Duration SILENT_AFTER = Duration.ofSeconds(60);
    public static final Duration JOB_MARGIN = Duration.ofMinutes(10);
    public static final Duration TICK_GRACE = Duration.ofMinutes(2);

    private final Clock clock;
    private final Duration syncTimeout;

    public Liveness(Clock clock, Duration syncTimeout) {
        this.clock = clock;
        this.syncTimeout = syncTimeout;
    }

    public Condition of(Heartbeat beat) {
        Instant now = clock.instant();
        Duration sinceBeat = nonNegative(Duration.between(beat.beatAt(), now));
        if (sinceBeat.compareTo(SILENT_AFTER) > 0) {
            return new Condition.Silent(sinceBeat);
        }
        if (beat.kind() == ProcessKind.WORKER && beat.busySince().isPresent()) {
            Duration running = Duration.between(beat.busySince().get(), now);
            if (running.compareTo(syncTimeout.plus(JOB_MARGIN)) > 0) {
                return new Condition.Stuck("a job has run for " + running.toMinutes() + " min, longer than SYNC_TIMEOUT ("
                        + syncTimeout.toSeconds() + " s) plus " + JOB_MARGIN.toMinutes() + " min");
            }
        }
        if (beat.kind() == ProcessKind.SCHEDULER && beat.dueAt().isPresent()) {
            Duration late = Duration.between(beat.dueAt().get(), now);
            if (late.compareTo(TICK_GRACE) > 0) {
                return new Condition.Stuck("the tick of " + beat.dueAt().get() + " is " + late.toMinutes()
                        + " min overdue and not handled");
            }
        }
        return new Condition.Alive(sinceBeat);
    }

    /** Seen recently: beat within {@link #SILENT_AFTER}, whatever it does. */
    public boolean seen(Heartbeat beat) {
        return !(of(beat) instanceof Condition.Silent);
    }

    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
