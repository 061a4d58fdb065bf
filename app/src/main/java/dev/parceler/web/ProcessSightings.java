package dev.parceler.web;

import java.time.Instant;
import java.util.Optional;

/**
 * When the worker and the scheduler were last seen alive. Empty means unknown: the status page
 * and {@code /api/status} then say "unknown" rather than guess.
 */
public interface ProcessSightings {
    Optional<Instant> worker();

    Optional<Instant> scheduler();
}
