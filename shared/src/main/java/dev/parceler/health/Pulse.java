package dev.parceler.health;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heartbeat of one process: {@link #beat} records what it does now. A failed beat is only
 * logged: the process goes on, and health sees it silent if the database stays out of reach.
 */
public final class Pulse {
    private static final Logger LOG = LoggerFactory.getLogger(Pulse.class);

    private final Heartbeats heartbeats;
    private final ProcessKind kind;
    private final String host;
    private final Instant startedAt;
    private final Supplier<Optional<Instant>> busySince;
    private final Supplier<Optional<Instant>> dueAt;

    public Pulse(Heartbeats heartbeats, ProcessKind kind, String host, Clock clock,
            Supplier<Optional<Instant>> busySince, Supplier<Optional<Instant>> dueAt) {
        this.heartbeats = heartbeats;
        this.kind = kind;
        this.host = host;
        this.startedAt = clock.instant();
        this.busySince = busySince;
        this.dueAt = dueAt;
    }

    public void beat() {
        try {
            heartbeats.beat(kind, host, startedAt, busySince.get(), dueAt.get());
        } catch (RuntimeException e) {
            LOG.warn("{}", e.getMessage());
        }
    }
}
