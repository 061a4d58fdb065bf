package dev.parceler.worker;

import dev.parceler.sync.JobQueue;
import java.time.Clock;
import java.util.Set;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.filters.ElectStateFilter;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.jobs.states.JobState;
import org.jobrunr.jobs.states.StateName;

/**
 * The retry policy of repository jobs: a job cut short because its worker died runs again,
 * however many times that happens; a failure of the job itself (its command failed) is retried
 * up to the job's own number of retries, counting only such failures. The job library's own
 * policy counts a dead worker as a failure and gives the job up after a few crashes: this filter
 * runs after it and takes over where it gave up.
 */
public final class CrashRetries implements ElectStateFilter {
    /**
     * The job library's "orphaned job" (a worker that stopped updating it), and Parceler's own,
     * also by the name it had before it moved to the worker: failed states stored then keep it.
     */
    static final Set<String> CRASHES = Set.of("org.jobrunr.jobs.exceptions.IllegalJobThreadStateException",
            WorkerDiedException.class.getName(), "dev.parceler.sync.WorkerDiedException");
    /** Seconds before a crashed job runs again. */
    static final int CRASH_DELAY = 1;
    /** Back-off of the failed attempts, as the job library's: 3, 9, 27… seconds. */
    static final int BACK_OFF_SEED = 3;

    private final Clock clock;

    public CrashRetries(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void onStateElection(Job job, JobState newState) {
        if (!(newState instanceof FailedState failed) || job.getState() != StateName.FAILED) {
            return; // not a failure, or one the job library already retries
        }
        if (CRASHES.contains(failed.getExceptionType())) {
            job.scheduleAt(clock.instant().plusSeconds(CRASH_DELAY), "Run again from the start: its worker died");
            return;
        }
        long failures = job.getJobStates().stream()
                .filter(state -> state instanceof FailedState earlier && !CRASHES.contains(earlier.getExceptionType()))
                .count();
        int retries = job.getAmountOfRetries() != null ? job.getAmountOfRetries() : JobQueue.RETRIES;
        if (failures <= retries && !failed.mustNotRetry()) {
            job.scheduleAt(clock.instant().plusSeconds((long) Math.pow(BACK_OFF_SEED, failures)),
                    String.format("Retry %d of %d", failures, retries));
        }
    }
}
