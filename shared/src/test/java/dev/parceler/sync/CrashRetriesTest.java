package dev.parceler.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.JobDetails;
import org.jobrunr.jobs.states.EnqueuedState;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.jobs.states.JobState;
import org.jobrunr.jobs.states.ScheduledState;
import org.jobrunr.jobs.states.StateName;
import org.junit.jupiter.api.Test;

/** What the retry policy decides for a job the job library has given up on: when it runs again, if at all. */
class CrashRetriesTest {
    private static final Instant NOW = Instant.parse("2026-11-20T02:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** A sync job with these states after its creation, the last one a failure the job library did not retry. */
    private static Job job(Exception... failures) {
        List<JobState> states = new ArrayList<>();
        states.add(new EnqueuedState());
        for (Exception failure : failures) {
            states.add(new FailedState("attempt failed", failure));
        }
        return new Job(UUID.randomUUID(), 0, new JobDetails(new SyncRequest("base")), states, new ConcurrentHashMap<>());
    }

    private static Instant decide(CrashRetries retries, Job job) {
        retries.onStateElection(job, job.getJobState());
        assertThat(job.getState()).as("scheduled again").isEqualTo(StateName.SCHEDULED);
        return job.<ScheduledState>getJobState().getScheduledAt();
    }

    private static Exception crash() {
        return new WorkerDiedException("worker-1 stopped beating");
    }

    private static Exception commandFailed() {
        return new IllegalStateException("sync command exited with 7");
    }

    @Test
    void aCrashedJobRunsAgainAfterTheCrashDelayHoweverOftenItCrashed() {
        CrashRetries retries = new CrashRetries(CLOCK);

        assertThat(decide(retries, job(crash()))).isEqualTo(NOW.plusSeconds(1));
        assertThat(decide(retries, job(crash(), crash(), crash(), crash(), crash()))).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void failedAttemptsBackOffAsTheJobLibrarysOwnAndCrashesDoNotCount() {
        CrashRetries retries = new CrashRetries(CLOCK);

        assertThat(decide(retries, job(crash(), crash(), crash(), commandFailed()))).as("the first failure").isEqualTo(NOW.plusSeconds(3));
        assertThat(decide(retries, job(commandFailed(), crash(), crash(), commandFailed()))).as("the second").isEqualTo(NOW.plusSeconds(9));
    }

    @Test
    void aJobThatFailedMoreOftenThanItsRetriesStaysFailed() {
        Job job = job(commandFailed(), commandFailed(), commandFailed());

        new CrashRetries(CLOCK).onStateElection(job, job.getJobState());

        assertThat(job.getState()).isEqualTo(StateName.FAILED);
    }

    @Test
    void theWaitsAreTheOnesGiven() {
        CrashRetries quick = new CrashRetries(CLOCK, Duration.ofMillis(50), Duration.ofMillis(10));

        assertThat(decide(quick, job(crash()))).isEqualTo(NOW.plusMillis(50));
        assertThat(decide(quick, job(commandFailed()))).isEqualTo(NOW.plusMillis(30));
        assertThat(decide(quick, job(commandFailed(), commandFailed()))).isEqualTo(NOW.plusMillis(90));
    }

    @Test
    void aNegativeWaitIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CrashRetries(CLOCK, Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .withMessageContaining("cannot be negative");
    }
}
