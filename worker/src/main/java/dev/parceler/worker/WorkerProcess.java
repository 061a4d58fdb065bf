package dev.parceler.worker;

import dev.parceler.database.MetaValues;
import dev.parceler.health.Liveness;
import dev.parceler.health.Pulse;
import dev.parceler.maintenance.MaintenanceStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jobrunr.server.BackgroundJobServer;
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

    private final BackgroundJobServer server;
    private final OrphanedJobs orphans;
    private final MaintenanceStore maintenance;
    private final Pulse pulse;
    private final MetaValues writeCheck;
    private final Clock clock;
    private final ScheduledExecutorService background;
    private final boolean force;
    private final int workers;
    private final Runnable onFailure;
    private volatile State state = State.WAITING;
    /** The job server stopped and the database cannot be written yet: said once, not every watch. */
    private boolean stalled;

    /**
     * @param server the job server, not started: it starts when the service is not in maintenance
     * @param writeCheck where a small write shows that the database can be written again
     * @param background where the heartbeat and the watch run (and the leases of running jobs are renewed)
     * @param onFailure ends the process when the job server cannot start again
     */
    public WorkerProcess(BackgroundJobServer server, OrphanedJobs orphans, MaintenanceStore maintenance, Pulse pulse,
            MetaValues writeCheck, Clock clock, ScheduledExecutorService background, boolean force, int workers, Runnable onFailure) {
        this.server = server;
        this.orphans = orphans;
        this.maintenance = maintenance;
        this.pulse = pulse;
        this.writeCheck = writeCheck;
        this.clock = clock;
        this.background = background;
        this.force = force;
        this.workers = workers;
        this.onFailure = onFailure;
    }

    public void start() {
        if (!force && maintenance.isDown()) {
            // The job server is not started at all: a started one may pick a job up before it is paused.
            LOG.info("In maintenance: the worker waits until 'parceler up' (or start it with --force)");
        } else {
            server.start();
            state = State.RUNNING;
        }
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
            boolean down = !force && maintenance.isDown();
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
            writeCheck.put("worker.write-check", clock.instant().toString());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        background.shutdownNow();
        if (state != State.WAITING) {
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
