package dev.parceler.worker;

import dev.parceler.Installation;
import dev.parceler.sync.LocalProcesses;
import dev.parceler.sync.RepositoryLease;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a worker runs jobs with, built once on an installation: the repository lease (one job per
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
    public WorkComponents(Installation installation, Map<String, String> environment, ScheduledExecutorService renewals) {
        lease = new RepositoryLease(installation.database().dataSource(), installation.clock(), LEASE_TTL, processes.self());
        leftovers = new Leftovers(processes);
        work = new RepositoryWorker(
                installation.repositories(),
                lease,
                installation.runs(),
                new SyncCommand(installation.settings().syncTimeout(), SyncCommand.wrapper()),
                new SyncEnvironment(installation.settings(), installation.volume(), environment),
                installation.snapshotWriter(),
                installation.cleaner(),
                installation.jobQueue(),
                renewals,
                installation.clock(),
                BUSY_RETRY,
                leftovers);
        orphans = new OrphanedJobs(lease, processes, leftovers, installation.runs(), installation.jobStorage());
        crashRetries = new CrashRetries(installation.clock());
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
