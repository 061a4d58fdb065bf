package dev.parceler.worker;

import dev.parceler.sync.RepositoryWork;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The jobs this worker runs now and since when, for its heartbeat: a job that never ends is how a worker gets stuck. */
final class RunningJobs implements RepositoryWork {
    private final RepositoryWork work;
    private final Clock clock;
    private final Map<UUID, Instant> started = new ConcurrentHashMap<>();

    RunningJobs(RepositoryWork work, Clock clock) {
        this.work = work;
        this.clock = clock;
    }

    /** A job's body, as the work runs it. */
    private interface Job {
        void run() throws Exception;
    }

    private void timed(UUID jobId, Job job) throws Exception {
        started.put(jobId, clock.instant());
        try {
            job.run();
        } finally {
            started.remove(jobId);
        }
    }

    @Override
    public void sync(String repository, UUID jobId) throws Exception {
        timed(jobId, () -> work.sync(repository, jobId));
    }

    @Override
    public void release(String repository, UUID jobId) throws Exception {
        timed(jobId, () -> work.release(repository, jobId));
    }

    @Override
    public void fastLane(String repository, String path, UUID jobId) throws Exception {
        timed(jobId, () -> work.fastLane(repository, path, jobId));
    }

    /** When the oldest running job started; empty when idle. */
    Optional<Instant> oldestStart() {
        return started.values().stream().min(Instant::compareTo);
    }
}
