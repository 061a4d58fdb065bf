package dev.parceler.sync;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.jobrunr.jobs.JobId;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.scheduling.JobBuilder;
import org.jobrunr.scheduling.JobRequestScheduler;

/** Enqueues repository jobs for the workers. Any process may enqueue; only workers run them. */
public final class JobQueue {
    /** A failed sync is tried three times in all, with the job library's exponential back-off. */
    public static final int RETRIES = 2;

    private final JobRequestScheduler scheduler;

    public JobQueue(JobRequestScheduler scheduler) {
        this.scheduler = scheduler;
    }

    public UUID sync(String repository) {
        return enqueue(UUID.randomUUID(), "sync " + repository, new SyncRequest(repository));
    }

    public UUID release(String repository) {
        return enqueue(UUID.randomUUID(), "release " + repository, new ReleaseRequest(repository));
    }

    public UUID fastLane(String repository, String path) {
        return enqueue(UUID.randomUUID(), "fast lane " + repository + " " + path, new FastLaneRequest(repository, path));
    }

    /**
     * The scheduled sync of one cron tick. Its id is derived from the repository and the tick,
     * and the job library ignores an id it already has: however many schedulers run, or
     * however often one restarts, a tick makes one sync per repository.
     */
    public UUID scheduledSync(String repository, Instant tick) {
        UUID id = UUID.nameUUIDFromBytes(("sync:" + repository + ":" + tick.getEpochSecond()).getBytes(StandardCharsets.UTF_8));
        return enqueue(id, "sync " + repository + " @ " + tick, new SyncRequest(repository));
    }

    /** Runs a request again later, when its repository is busy with another job. */
    public UUID later(Instant when, JobRequest request, String name) {
        JobId id = scheduler.create(JobBuilder.aJob().withId(UUID.randomUUID()).withName(name).scheduleAt(when)
                .withAmountOfRetries(RETRIES).withJobRequest(request));
        return id.asUUID();
    }

    private UUID enqueue(UUID id, String name, JobRequest request) {
        return scheduler.create(JobBuilder.aJob().withId(id).withName(name)
                .withAmountOfRetries(RETRIES).withJobRequest(request)).asUUID();
    }
}
