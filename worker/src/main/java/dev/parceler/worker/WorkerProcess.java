package dev.parceler.worker;

import dev.parceler.Installation;
import dev.parceler.health.Liveness;
import dev.parceler.health.ProcessKind;
import dev.parceler.health.Pulse;
import dev.parceler.database.MetaValues;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code parceler worker}: the job server that runs syncs and releases. It pauses while the
 * service is in maintenance (unless forced), starts the job library again when it stopped
 * processing after storage errors (a full disk), watches for jobs whose worker died, and beats
 * its heartbeat for {@code parceler health}.
 */
public final class WorkerProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerProcess.class);
    /** The shortest poll the job library allows on SQL storage; a job waits about 2.5 s on average. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(5);
    /** Jobs one worker runs at once: syncs wait on the network and the disk more than on the processor. */
    public static final int DEFAULT_THREADS = 4;
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(2);

    private final Installation installation;
    private final boolean force;
    private final int workers;
    private final Runnable onFailure;
    private final ScheduledExecutorService background = Executors.newScheduledThreadPool(2, daemon("worker-watch"));
    private BackgroundJobServer server;
    private OrphanedJobs orphans;
    private volatile State state = State.WAITING;
    /** The job server stopped and the database cannot be written yet: said once, not every watch. */
    private boolean stalled;

    public WorkerProcess(Installation installation, boolean force, int workers, Runnable onFailure) {
        this.installation = installation;
        this.force = force;
        this.workers = workers;
        this.onFailure = onFailure;
    }

    public void start() {
        WorkComponents components = new WorkComponents(installation, System.getenv(), background);
        orphans = components.orphans();
        RepositoryWorker work = components.work();
        RunningJobs running = new RunningJobs(work, installation.clock());
        server = new BackgroundJobServer(installation.jobStorage(), installation.jsonMapper(), new ParcelerJobActivator(running),
                BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                        .andName("parceler-worker")
                        .andPollInterval(POLL_INTERVAL)
                        .andWorkerCount(workers));
        server.setJobFilters(List.of(components.crashRetries()));
        if (!force && installation.maintenance().isDown()) {
            // The job server is not started at all: a started one may pick a job up before it is paused.
            LOG.info("In maintenance: the worker waits until 'parceler up' (or start it with --force)");
        } else {
            server.start();
            state = State.RUNNING;
        }
        Pulse pulse = installation.newPulse(ProcessKind.WORKER, running::oldestStart, java.util.Optional::empty);
        background.scheduleWithFixedDelay(pulse::beat, 0, Liveness.BEAT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        background.scheduleWithFixedDelay(this::watch, WATCH_INTERVAL.toMillis(), WATCH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Worker started: {} job threads, polling every {} s{}", workers, POLL_INTERVAL.toSeconds(),
                force ? ", maintenance ignored (--force)" : "");
    }

    /** Where the job server stands: never started (the worker began in maintenance), running, or paused. */
    private enum State { WAITING, RUNNING, PAUSED }

    private void watch() {
        try {
            orphans.sweep();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            LOG.warn("Cannot look for jobs of dead workers: {}", e.getMessage());
        }
        try {
            boolean down = !force && installation.maintenance().isDown();
            switch (state) {
                case WAITING -> {
                    if (!down) {
                        server.start();
                        state = State.RUNNING;
                        LOG.info("Maintenance over: worker started");
                    }
                }
                case RUNNING -> {
                    if (!server.isRunning()) {
                        restart();
                    } else if (down) {
                        server.pauseProcessing();
                        state = State.PAUSED;
                        LOG.info("Maintenance mode: worker paused (running jobs finish)");
                    }
                }
                case PAUSED -> {
                    if (!down) {
                        server.resumeProcessing();
                        state = State.RUNNING;
                        LOG.info("Maintenance over: worker resumed");
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Cannot read the maintenance state: {}", e.getMessage());
        }
    }

    /**
     * The job library stops after a run of storage errors (a full disk, a database that cannot be
     * written): once the database answers again it is started again, in this process. Only a job
     * server that cannot start ends the process, for its supervisor to start a fresh one.
     */
    private void restart() {
        if (!acceptsWrites()) {
            if (!stalled) {
                LOG.warn("The job server stopped processing after storage errors; it starts again once the database can be written");
                stalled = true;
            }
            return;
        }
        try {
            server.start();
            stalled = false;
            LOG.warn("The job server stopped processing after storage errors; started it again");
        } catch (RuntimeException e) {
            LOG.error("The job server cannot start again ({}); exiting so that a fresh worker starts", e.getMessage());
            onFailure.run();
        }
    }

    /** A small write, as the job server's first ones: on a full disk it fails, and the job server is not started to fail again. */
    private boolean acceptsWrites() {
        try {
            new MetaValues(installation.database().dataSource()).put("worker.write-check", installation.clock().instant().toString());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        background.shutdownNow();
        if (server != null && state != State.WAITING) {
            server.stop();
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
