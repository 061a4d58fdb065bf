package dev.parceler.worker;

import dev.parceler.sync.RepositoryLease;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * How jobs of one repository take turns across workers: the repository's lease, where it is
 * renewed while a job runs, how long a job that finds the repository busy waits before it is
 * tried again, and how the processes a dead holder left running are ended.
 */
public record RepositoryTurns(RepositoryLease lease, ScheduledExecutorService renewals, Duration busyRetry, Leftovers leftovers) {
}
