package dev.parceler.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** The heartbeats of the installation's processes and how they are judged, built once per process. */
public final class HealthComponents {
    private final Clock clock;
    private final Heartbeats heartbeats;
    private final Liveness liveness;

    public HealthComponents(DataSource dataSource, Clock clock, Duration syncTimeout) {
        this.clock = clock;
        this.heartbeats = new Heartbeats(dataSource, clock);
        this.liveness = new Liveness(clock, syncTimeout);
    }

    public Heartbeats heartbeats() {
        return heartbeats;
    }

    public Liveness liveness() {
        return liveness;
    }

    /** A new heartbeat of a process of this kind on this host: each process builds its own, once. */
    public Pulse newPulse(ProcessKind kind, Supplier<Optional<Instant>> busySince, Supplier<Optional<Instant>> dueAt) {
        return new Pulse(heartbeats, kind, Heartbeats.thisHost(), clock, busySince, dueAt);
    }
}
