package dev.parceler.worker;

import dev.parceler.sync.JobQueue;
import java.time.Clock;
import java.time.Duration;
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
    /** How long before a crashed job runs again. */
    static final Duration CRASH_DELAY = Duration.ofSeconds(1);
    /** Back-off of the failed attempts, as the job library's: 3, 9, 27… times the unit. */
    static final int BACK_OFF_SEED = 3;
    /** The back-off's unit: 3, 9, 27… seconds, as the job library's. */
    static final Duration BACK_OFF_UNIT = Duration.ofSeconds(1);

    private final Clock clock;
    private final Duration crashDelay;
    private final Duration backOffUnit;

    public CrashRetries(Clock clock) {
        this(clock, CRASH_DELAY, BACK_OFF_UNIT);
    }

    /** With other waits than the job library's: a crashed job after {@code crashDelay}, failed ones after 3, 9, 27… {@code backOffUnit}s. */
    public CrashRetries(Clock clock, Duration crashDelay, Duration backOffUnit) {
        if (crashDelay.isNegative() || backOffUnit.isNegative()) {
            throw new IllegalArgumentException("retry waits cannot be negative: " + crashDelay + ", " + backOffUnit);
        }
        this.clock = clock;
        this.crashDelay = crashDelay;
        this.backOffUnit = backOffUnit;
    }

    @Override
    public void onStateElection(Job job, JobState newState) {
        if (!(newState instanceof FailedState failed) || job.getState() != StateName.FAILED) {
            return; // not a failure, or one the job library already retries
        }
        if (CRASHES.contains(failed.getExceptionType())) {
            job.scheduleAt(clock.instant().plus(crashDelay), "Run again from the start: its worker died");
            return;
        }
        long failures = job.getJobStates().stream()
                .filter(state -> state instanceof FailedState earlier && !CRASHES.contains(earlier.getExceptionType()))
                .count();
        int retries = job.getAmountOfRetries() != null ? job.getAmountOfRetries() : JobQueue.RETRIES;
        if (failures <= retries && !failed.mustNotRetry()) {
            job.scheduleAt(clock.instant().plus(backOff(failures)),
                    String.format("Retry %d of %d", failures, retries));
        }
    }

    /** The unit times the seed to the power {@code failures}. */
    private Duration backOff(long failures) {
        return backOffUnit.multipliedBy((long) Math.pow(BACK_OFF_SEED, failures));
    }
}
