package dev.parceler.worker;

import dev.parceler.repository.FastLane;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.snapshot.SnapshotCleaner;
import dev.parceler.snapshot.SnapshotWrite;
import dev.parceler.snapshot.SnapshotWriter;
import dev.parceler.sync.FastLaneRequest;
import dev.parceler.sync.JobQueue;
import dev.parceler.sync.JobRun.Kind;
import dev.parceler.sync.JobRun.Outcome;
import dev.parceler.sync.ReleaseRequest;
import dev.parceler.sync.RepositoryLease;
import dev.parceler.sync.RepositoryWork;
import dev.parceler.sync.RunHistory.Ending;
import dev.parceler.sync.RunHistory;
import dev.parceler.sync.SyncRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's side of the repository jobs: holds the repository's lease for the whole job,
 * runs the sync command, writes the snapshot, cleans up (or, for a release, serves the new
 * snapshot at once and deletes the others that nothing holds), and records the run. A job that finds the repository busy is not lost: it
 * is enqueued again to run after the current one.
 */
public final class RepositoryWorker implements RepositoryWork {
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryWorker.class);

    private final RepositoryStore repositories;
    private final RepositoryLease lease;
    private final RunHistory runs;
    private final SyncCommand command;
    private final SyncEnvironment environment;
    private final SnapshotWriter writer;
    private final SnapshotCleaner cleaner;
    private final JobQueue queue;
    private final ScheduledExecutorService renewals;
    private final Clock clock;
    private final Duration busyRetry;
    private final Leftovers leftovers;

    public RepositoryWorker(RepositoryStore repositories, RepositoryTurns turns, RunHistory runs, SyncCommand command,
            SyncEnvironment environment, SnapshotWriter writer, SnapshotCleaner cleaner, JobQueue queue, Clock clock) {
        this.repositories = repositories;
        this.lease = turns.lease();
        this.runs = runs;
        this.command = command;
        this.environment = environment;
        this.writer = writer;
        this.cleaner = cleaner;
        this.queue = queue;
        this.renewals = turns.renewals();
        this.clock = clock;
        this.busyRetry = turns.busyRetry();
        this.leftovers = turns.leftovers();
    }

    @Override
    public void sync(String repository, UUID jobId) throws Exception {
        run(repository, jobId, Kind.SYNC, new SyncRequest(repository));
    }

    @Override
    public void release(String repository, UUID jobId) throws Exception {
        run(repository, jobId, Kind.RELEASE, new ReleaseRequest(repository));
    }

    @Override
    public void fastLane(String repository, String path, UUID jobId) throws Exception {
        run(repository, jobId, Kind.FAST_LANE, new FastLaneRequest(repository, path));
    }

    private void run(String name, UUID jobId, Kind kind, JobRequest request) throws Exception {
        Optional<Repository> found = repositories.find(name);
        if (found.isEmpty()) {
            LOG.warn("[{}] {} skipped: the repository no longer exists", name, kind.label());
            return;
        }
        String holder = jobId.toString();
        Optional<RepositoryLease.Holder> before = lease.holder(name);
        if (!lease.acquire(name, holder)) {
            UUID later = queue.later(clock.instant().plus(busyRetry), request, kind.label() + " " + name + " (after a running job)");
            LOG.info("[{}] busy with another job: {} {} will run again as {}", name, kind.label(), jobId, later);
            return;
        }
        ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(() -> renew(name, holder),
                lease.ttl().toMillis() / 3, lease.ttl().toMillis() / 3, TimeUnit.MILLISECONDS);
        try {
            // The lease was free or expired, or this job's own: a command still running under a
            // previous holder belongs to a dead worker, and must not write the source alongside this run.
            if (before.isPresent()) {
                leftovers.kill(before.get());
            }
            syncAndSnapshot(found.get(), jobId, kind, request, holder);
        } finally {
            renewal.cancel(false);
            lease.release(name, holder);
        }
    }

    private void syncAndSnapshot(Repository repository, UUID jobId, Kind kind, JobRequest request, String holder) throws Exception {
        long run = runs.start(repository.name(), kind, jobId);
        SyncCommand.Result result;
        try {
            LOG.info("[{}] {} started", repository.name(), kind.label());
            writer.removeUnfinished(repository);
            environment.prepare(repository);
            try {
                result = command.run(repository.name(), repository.command(), environment.workingDirectory(),
                        environment.forRepository(repository), group -> lease.command(repository.name(), holder, group));
            } finally {
                lease.command(repository.name(), holder, null);
            }
        } catch (Exception e) {
            LOG.warn("[{}] {} failed: the sync command could not run: {}", repository.name(), kind.label(), e.getMessage());
            record(run, Ending.failed("the sync command could not run: " + e.getMessage()));
            throw e;
        }
        if (!result.succeeded()) {
            String why = result.timedOut()
                    ? "killed after " + command.timeout().toSeconds() + " s"
                    : "the sync command exited with " + result.exitCode();
            record(run, new Ending(Outcome.FAILED, result.exitCode(), result.tail(), why, null, null));
            LOG.warn("[{}] {} failed: {}", repository.name(), kind.label(), why);
            throw new SyncFailedException(repository.name() + ": " + why);
        }
        SnapshotWrite snapshot;
        List<String> deleted;
        try {
            snapshot = writer.write(repository);
            Repository current = repositories.find(repository.name()).orElse(repository);
            deleted = switch (kind) {
                case RELEASE -> cleaner.release(current, snapshot.name());
                case FAST_LANE -> cleaner.openFastLane(current,
                        new FastLane(((FastLaneRequest) request).path(), snapshot.name()));
                default -> cleaner.clean(current);
            };
        } catch (RuntimeException e) {
            LOG.warn("[{}] {} failed: {}", repository.name(), kind.label(), e.getMessage());
            record(run, new Ending(Outcome.FAILED, result.exitCode(), result.tail(), e.getMessage(), null, null));
            throw e;
        }
        String message = deleted.isEmpty() ? null : "deleted " + String.join(", ", deleted);
        runs.finish(run, new Ending(Outcome.SUCCEEDED, result.exitCode(), result.tail(), message, snapshot.name(), snapshot.stats()));
        LOG.info("[{}] {} done: snapshot {}{}", repository.name(), kind.label(), snapshot.name(),
                message == null ? "" : ", " + message);
    }

    /** Records how a failed run ended; a database that cannot take it (full) must not hide why the run failed. */
    private void record(long run, Ending ending) {
        try {
            runs.finish(run, ending);
        } catch (RuntimeException e) {
            LOG.warn("cannot record the end of run {}: {}", run, e.getMessage());
        }
    }

    private void renew(String name, String holder) {
        try {
            if (!lease.renew(name, holder)) {
                LOG.error("[{}] lost the repository's lease while job {} runs", name, holder);
            }
        } catch (RuntimeException e) {
            LOG.warn("[{}] could not renew the lease: {}", name, e.getMessage());
        }
    }
}
