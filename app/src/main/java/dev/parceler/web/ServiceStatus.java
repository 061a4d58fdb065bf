package dev.parceler.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * What the status page shows and {@code GET /api/status} answers: a wire format that scripts
 * read (field names are documented in docs/monitoring.md; add fields, never rename or remove one).
 * Times are ISO-8601 instants in UTC; a null time means unknown or none.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ServiceStatus(
        @JsonProperty("state") String state,
        @JsonProperty("retry_after_seconds") Integer retryAfterSeconds,
        @JsonProperty("generated_at") Instant generatedAt,
        @JsonProperty("worker_last_seen") Instant workerLastSeen,
        @JsonProperty("scheduler_last_seen") Instant schedulerLastSeen,
        @JsonProperty("repositories") List<RepositoryStatus> repositories,
        @JsonProperty("backup") Backup backup) {

    /**
     * The scheduled backups (BACKUP_SCHEDULE; null when off): the last good one, its age and file
     * name, and the failure since it, if any.
     */
    public record Backup(
            @JsonProperty("last_at") Instant lastAt,
            @JsonProperty("age_seconds") Long ageSeconds,
            @JsonProperty("file") String file,
            @JsonProperty("failed_at") Instant failedAt,
            @JsonProperty("failure") String failure) {
    }

    public static final String UP = "up";
    public static final String MAINTENANCE = "maintenance";

    /** One repository: what it serves, since when, what goes live next, and its last run. */
    public record RepositoryStatus(
            @JsonProperty("name") String name,
            @JsonProperty("delay_days") int delayDays,
            @JsonProperty("served_snapshot") String servedSnapshot,
            @JsonProperty("served_snapshot_taken_at") Instant servedSnapshotTakenAt,
            @JsonProperty("served_snapshot_age_seconds") Long servedSnapshotAgeSeconds,
            @JsonProperty("served_because") String servedBecause,
            @JsonProperty("frozen") boolean frozen,
            @JsonProperty("stale") boolean stale,
            @JsonProperty("next_change_at") Instant nextChangeAt,
            @JsonProperty("next_snapshot") String nextSnapshot,
            @JsonProperty("last_run") LastRun lastRun,
            @JsonProperty("jobs") List<Job> jobs) {
    }

    public record LastRun(
            @JsonProperty("kind") String kind,
            @JsonProperty("outcome") String outcome,
            @JsonProperty("started_at") Instant startedAt,
            @JsonProperty("finished_at") Instant finishedAt,
            @JsonProperty("duration_seconds") Long durationSeconds,
            @JsonProperty("message") String message) {
    }

    /** A job waiting or running for the repository: {@code kind} sync or release, {@code state} scheduled, enqueued, processing... */
    public record Job(@JsonProperty("kind") String kind, @JsonProperty("state") String state) {
    }
}
