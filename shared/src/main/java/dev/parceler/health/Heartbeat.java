package dev.parceler.health;

import java.time.Instant;
import java.util.Optional;

/**
 * A process's last sign of life: when it beat, and what it was doing. {@code busySince} is when
 * the oldest job a worker runs now started; {@code dueAt} is the next tick a scheduler must handle.
 */
public record Heartbeat(ProcessKind kind, String host, long pid, Instant startedAt, Instant beatAt,
        Optional<Instant> busySince, Optional<Instant> dueAt) {
}
