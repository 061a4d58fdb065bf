package dev.parceler.scheduler;

import dev.parceler.database.MetaValues;
import java.time.Instant;
import java.util.Optional;

/** The last cron tick the schedulers handled, shared by all of them through the database. */
final class SchedulerTicks {
    private static final String KEY = "scheduler.last_tick";

    private final MetaValues meta;

    SchedulerTicks(MetaValues meta) {
        this.meta = meta;
    }

    Optional<Instant> last() {
        return meta.get(KEY).map(seconds -> Instant.ofEpochSecond(Long.parseLong(seconds)));
    }

    /** Records {@code tick} unless a later one is recorded already (another scheduler got further). */
    void record(Instant tick) {
        meta.putIfLarger(KEY, tick.getEpochSecond());
    }
}
