package dev.parceler.worker;

import dev.parceler.Installation;
import dev.parceler.database.MetaValues;
import dev.parceler.health.ProcessKind;
import dev.parceler.health.Pulse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;

/**
 * The composition root of the worker: {@code parceler worker}, and the worker that
 * {@code serve --with-worker} runs in its own process. Top to bottom: what jobs run with, the
 * job server that runs them, the heartbeat, and the process that starts, pauses and watches them.
 */
public final class WorkerRoot {
    private WorkerRoot() {
    }

    /**
     * @param force keep running jobs in maintenance
     * @param threads jobs run at once
     * @param onFailure ends the process when the job server cannot start again
     */
    public static WorkerProcess worker(Installation installation, boolean force, int threads, Runnable onFailure) {
        ScheduledExecutorService background = Executors.newScheduledThreadPool(2, WorkerProcess.daemon("worker-watch"));
        WorkComponents work = work(installation, System.getenv(), background);
        RunningJobs running = new RunningJobs(work.work(), installation.clock());
        BackgroundJobServer server = new BackgroundJobServer(installation.jobs().storage(), installation.jobs().jsonMapper(),
                new ParcelerJobActivator(running),
                BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                        .andName("parceler-worker")
                        .andPollInterval(WorkerProcess.POLL_INTERVAL)
                        .andWorkerCount(threads));
        server.setJobFilters(List.of(work.crashRetries()));
        Pulse pulse = installation.health().newPulse(ProcessKind.WORKER, running::oldestStart, Optional::empty);
        return new WorkerProcess(server, work.orphans(), installation.maintenance(), pulse,
                new MetaValues(installation.database().dataSource()), installation.clock(), background, force, threads, onFailure);
    }

    /** What jobs run with on this installation; the tests' in-process worker is built here too. */
    public static WorkComponents work(Installation installation, Map<String, String> environment, ScheduledExecutorService renewals) {
        return new WorkComponents(installation.settings(), installation.clock(), installation.database(), installation.volume(),
                installation.repositoryComponents(), installation.snapshotComponents(), installation.jobs(), environment, renewals);
    }
}
