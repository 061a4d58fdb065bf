package dev.parceler.maintenance;

import java.time.Instant;
import java.util.Optional;

/** The service is down for maintenance since {@code since}; clients may retry after {@code retryAfter} seconds. */
public record MaintenanceState(Instant since, Optional<Integer> retryAfter, Optional<String> secretHash) {
}
