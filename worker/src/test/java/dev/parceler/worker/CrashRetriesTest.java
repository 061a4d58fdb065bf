package dev.parceler.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parceler.sync.JobStorage;
import dev.parceler.sync.SyncRequest;
import dev.parceler.testing.MovableClock;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.JobDetails;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.jobs.states.EnqueuedState;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.jobs.states.JobState;
import org.jobrunr.jobs.states.ScheduledState;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.utils.mapper.JsonMapper;
import org.junit.jupiter.api.Test;

/**
 * The retry policy on jobs as the job store holds them: a crash (a worker that died) never uses
 * up a job's retries, whichever name its exception was stored under; and when a job the job
 * library has given up on runs again, if at all.
 */
class CrashRetriesTest {
    private final JsonMapper json = JobStorage.jsonMapper();
    private final ObjectMapper tree = new ObjectMapper();
    private final MovableClock clock = MovableClock.at("2026-11-21T12:00:00Z");
    private final CrashRetries retries = new CrashRetries(clock);

    @Test
    void aJobWhoseWorkerDiedRunsAgainAtOnce() throws IOException {
        Job job = storedSyncJob(failed(new WorkerDiedException("the worker (pid 42) running the job died"), WorkerDiedException.class.getName()));

        retries.onStateElection(job, job.getJobState());

        assertThat(job.getState()).isEqualTo(StateName.SCHEDULED);
        ScheduledState scheduled = job.getJobState();
        assertThat(scheduled.getReason()).isEqualTo("Run again from the start: its worker died");
        assertThat(scheduled.getScheduledAt()).isEqualTo(Instant.parse("2026-11-21T12:00:01Z"));
    }

    @Test
    void aCrashStoredUnderTheFormerNameDoesNotCountAsAFailure() throws IOException {
        // Failed before this version moved the exception out of dev.parceler.sync: the job store keeps the old name.
        Job job = storedSyncJob(failed(new WorkerDiedException("the worker (pid 42) running the job died"), "dev.parceler.sync.WorkerDiedException"),
                failed(new SyncFailedException("nethsecurity: the sync command exited with 23"), SyncFailedException.class.getName()));

        retries.onStateElection(job, job.getJobState());

        assertThat(job.getState()).isEqualTo(StateName.SCHEDULED);
        assertThat(job.<ScheduledState>getJobState().getReason()).isEqualTo("Retry 1 of 2");
    }

    @Test
    void failuresOfTheJobItselfUseUpItsRetries() throws IOException {
        Job job = storedSyncJob(failed(new SyncFailedException("nethsecurity: the sync command exited with 23"), SyncFailedException.class.getName()),
                failed(new SyncFailedException("nethsecurity: the sync command exited with 23"), SyncFailedException.class.getName()),
                failed(new SyncFailedException("nethsecurity: the sync command exited with 23"), SyncFailedException.class.getName()));

        retries.onStateElection(job, job.getJobState());

        assertThat(job.getState()).as("given up after its 2 retries").isEqualTo(StateName.FAILED);
    }

    /** A failed state as the job library stores it, its exception recorded under {@code exceptionType}. */
    private ObjectNode failed(Exception exception, String exceptionType) throws IOException {
        ObjectNode state = tree.createObjectNode().put("@class", FailedState.class.getName());
        state.setAll((ObjectNode) tree.readTree(json.serialize(new FailedState("Job failed", exception))));
        state.put("exceptionType", exceptionType);
        return state;
    }

    /** The stored sync job of the wire-format golden, with these failed states after its enqueued one. */
    private Job storedSyncJob(ObjectNode... failures) throws IOException {
        ObjectNode stored;
        try (InputStream golden = Objects.requireNonNull(getClass().getResourceAsStream("/golden/sync-job.json"))) {
            stored = (ObjectNode) tree.readTree(golden);
        }
        ArrayNode history = (ArrayNode) stored.get("jobHistory");
        for (ObjectNode failure : failures) {
            history.add(failure);
        }
        return new JobMapper(json).deserializeJob(tree.writeValueAsString(stored));
    }

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
