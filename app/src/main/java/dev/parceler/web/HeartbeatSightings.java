package dev.parceler.web;

import dev.parceler.health.Heartbeat;
import dev.parceler.health.Heartbeats;
import dev.parceler.health.ProcessKind;
import java.time.Instant;
import java.util.Optional;

/** Sightings from the heartbeats every worker and scheduler writes to the shared database. */
final class HeartbeatSightings implements ProcessSightings {
    private final Heartbeats heartbeats;

    HeartbeatSightings(Heartbeats heartbeats) {
        this.heartbeats = heartbeats;
    }

    @Override
    public Optional<Instant> worker() {
        return last(ProcessKind.WORKER);
    }

    @Override
    public Optional<Instant> scheduler() {
        return last(ProcessKind.SCHEDULER);
    }

    private Optional<Instant> last(ProcessKind kind) {
        try {
            return heartbeats.latest(kind).map(Heartbeat::beatAt);
        } catch (RuntimeException e) {
            // The status page still answers when the database does not: the processes are then unknown.
            return Optional.empty();
        }
    }
}
