package dev.parceler.worker;

import dev.parceler.config.Settings;
import dev.parceler.database.Database;
import dev.parceler.repository.RepositoryComponents;
import dev.parceler.sync.JobComponents;
import dev.parceler.sync.LocalProcesses;
import dev.parceler.sync.RepositoryLease;
import dev.parceler.volume.SnapshotComponents;
import dev.parceler.volume.Volume;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a worker runs jobs with, built once by {@link WorkerRoot}: the repository lease (one job per
 * repository across workers), the sync command and its environment, the repository worker that
 * runs each job, and the watch for jobs whose worker died. The worker process and the tests'
 * in-process worker both build it here.
 */
public final class WorkComponents {
    static final Duration LEASE_TTL = Duration.ofSeconds(60);
    static final Duration BUSY_RETRY = Duration.ofSeconds(5);

    private final LocalProcesses processes = new LocalProcesses(Path.of("/proc"));
    private final RepositoryLease lease;
    private final Leftovers leftovers;
    private final RepositoryWorker work;
    private final OrphanedJobs orphans;
    private final CrashRetries crashRetries;

    /**
     * @param environment the worker process's own environment, which sync commands get under their own variables
     * @param renewals where the lease of a running job is renewed
     */
    public WorkComponents(Settings settings, Clock clock, Database database, Volume volume, RepositoryComponents repository,
            SnapshotComponents snapshot, JobComponents jobs, Map<String, String> environment, ScheduledExecutorService renewals) {
        lease = new RepositoryLease(database.dataSource(), clock, LEASE_TTL, processes.self());
        leftovers = new Leftovers(processes);
        work = new RepositoryWorker(
                repository.repositories(),
                new RepositoryTurns(lease, renewals, BUSY_RETRY, leftovers),
                jobs.runs(),
                new SyncCommand(settings.sync().timeout(), SyncCommand.wrapper()),
                new SyncEnvironment(settings, volume, environment),
                snapshot.writer(),
                snapshot.cleaner(),
                jobs.queue(),
                clock);
        orphans = new OrphanedJobs(lease, processes, leftovers, jobs.runs(), jobs.storage());
        crashRetries = new CrashRetries(clock);
    }

    public RepositoryWorker work() {
        return work;
    }

    OrphanedJobs orphans() {
        return orphans;
    }

    CrashRetries crashRetries() {
        return crashRetries;
    }
}
