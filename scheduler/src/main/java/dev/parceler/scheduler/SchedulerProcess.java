package dev.parceler.scheduler;

import dev.parceler.database.MetaValues;
import dev.parceler.health.Pulse;
import dev.parceler.maintenance.MaintenanceStore;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.sync.JobQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jobrunr.scheduling.cron.CronExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code parceler scheduler}: on every tick of {@code SYNC_SCHEDULE} enqueues one sync per
 * repository, and now and then prunes old run records, expired subscription answers and lapsed claims of subscription checks. A tick missed while no scheduler ran is
 * caught up once (the latest one only); a tick is enqueued once however many schedulers run or
 * restart, because its jobs' ids are derived from it. In maintenance nothing is enqueued.
 */
public final class SchedulerProcess implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerProcess.class);
    private static final Duration HOUSEKEEPING_EVERY = Duration.ofHours(1);
    private static final Duration LONGEST_SLEEP = Duration.ofSeconds(30);
    static final Duration NOTICES_EVERY = Duration.ofSeconds(2);
    /** How long a stopping process waits for the step in progress: a tick takes milliseconds; docker stop gives 10 s. */
    public static final Duration STOP_WAIT = Duration.ofSeconds(8);

    private final RepositoryStore repositories;
    private final JobQueue queue;
    private final MaintenanceStore maintenance;
    private final Housekeeping housekeeping;
    /** Present when NOTIFY_WEBHOOKS is set: a step every {@link #NOTICES_EVERY} then. */
    private final Optional<Notifications> notifications;
    /** Present when BACKUP_SCHEDULE is set. */
    private final Optional<ScheduledBackups> backups;

    private final SchedulerTicks ticks;
    private final CronExpression schedule;
    private final ZoneId zone;
    private final Clock clock;
    private final Pulse pulse;
    private volatile boolean running = true;
    /** Counted down by {@link #stop()}: ends a wait between steps at once. */
    private final CountDownLatch stopping = new CountDownLatch(1);
    /** Counted down when the loop has ended, after the step it was in. */
    private final CountDownLatch ended = new CountDownLatch(1);
    private Instant nextHousekeeping = Instant.MIN;

    SchedulerProcess(RepositoryStore repositories, JobQueue queue, MaintenanceStore maintenance, Housekeeping housekeeping,
            javax.sql.DataSource dataSource,
            String schedule, ZoneId zone, Clock clock, Function<Supplier<Optional<Instant>>, Pulse> pulse,
            Optional<Notifications> notifications, Optional<ScheduledBackups> backups) {
        this.notifications = notifications;
        this.backups = backups;
        this.repositories = repositories;
        this.queue = queue;
        this.maintenance = maintenance;
        this.housekeeping = housekeeping;
        this.ticks = new SchedulerTicks(new MetaValues(dataSource));
        this.schedule = new CronExpression(schedule);
        this.zone = zone;
        this.clock = clock;
        this.pulse = pulse.apply(this::nextTick);
    }

    @Override
    public void run() {
        LOG.info("Scheduler started: syncs on '{}' ({})", schedule, zone);
        try {
            while (running) {
                step();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ended.countDown();
        }
    }

    private void step() throws InterruptedException {
        try {
            // Before the step: a step that fails on every try leaves the due tick behind, which health calls stuck.
            pulse.beat();
            Instant now = clock.instant();
            runDueTick(now);
            if (!now.isBefore(nextHousekeeping)) {
                housekeeping(now);
                nextHousekeeping = now.plus(HOUSEKEEPING_EVERY);
            }
            backups.ifPresent(backup -> backup.step(now));
            notifications.ifPresent(notices -> notices.step(now));
            Instant wake = nextTick().orElse(now.plus(LONGEST_SLEEP));
            Optional<Instant> backupDue = backups.flatMap(ScheduledBackups::next);
            if (backupDue.isPresent() && backupDue.get().isBefore(wake)) {
                wake = backupDue.get();
            }
            sleepUntil(notifications.isPresent() && wake.isAfter(now.plus(NOTICES_EVERY)) ? now.plus(NOTICES_EVERY) : wake);
        } catch (RuntimeException e) {
            LOG.warn("Scheduler step failed, trying again shortly: {}", e.getMessage());
            stopping.await(5, TimeUnit.SECONDS);
        }
    }

    /** Ends the loop after the step it is in; a wait between steps ends at once. */
    public void stop() {
        running = false;
        stopping.countDown();
    }

    /**
     * Stops the loop and waits at most {@code timeout} for it to end. A tick is enqueued whole or
     * not at all by a stopping scheduler: one cut short would leave repositories without that
     * tick's sync, and a later start enqueues only the latest tick due.
     */
    public boolean stopAndWait(Duration timeout) throws InterruptedException {
        stop();
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Enqueues the latest tick at or before {@code now} not yet handled; returns it when there was one. */
    public Optional<Instant> runDueTick(Instant now) {
        Optional<Instant> last = ticks.last();
        if (last.isEmpty()) {
            // A new installation starts counting now: no tick of the past is owed.
            ticks.record(now);
            return Optional.empty();
        }
        Instant due = null;
        Instant candidate = schedule.next(last.get(), last.get(), zone);
        for (int guard = 0; !candidate.isAfter(now) && guard < 1_000_000; guard++) {
            due = candidate;
            candidate = schedule.next(last.get(), candidate, zone);
        }
        if (due == null) {
            return Optional.empty();
        }
        if (maintenance.isDown()) {
            LOG.info("In maintenance: tick {} enqueues nothing", due);
        } else {
            for (Repository repository : repositories.all()) {
                queue.scheduledSync(repository.name(), due);
            }
            LOG.info("Tick {}: sync enqueued for every repository", due);
        }
        ticks.record(due);
        return Optional.of(due);
    }

    private Optional<Instant> nextTick() {
        return ticks.last().map(last -> schedule.next(last, last, zone));
    }

    /** What {@link Housekeeping} prunes, and the notices past the runs' retention. */
    void housekeeping(Instant now) {
        housekeeping.prune(now);
        notifications.ifPresent(notices -> notices.prune(now.minus(Housekeeping.RUN_RETENTION)));
    }

    private void sleepUntil(Instant wake) throws InterruptedException {
        long millis = Duration.between(clock.instant(), wake).toMillis();
        stopping.await(Math.max(50, Math.min(millis, LONGEST_SLEEP.toMillis())), TimeUnit.MILLISECONDS);
    }
}
