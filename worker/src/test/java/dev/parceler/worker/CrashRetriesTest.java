package dev.parceler.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parceler.sync.JobStorage;
import dev.parceler.testing.MovableClock;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Objects;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.jobs.states.ScheduledState;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.utils.mapper.JsonMapper;
import org.junit.jupiter.api.Test;

/**
 * The retry policy on jobs as the job store holds them: a crash (a worker that died) never uses
 * up a job's retries, whichever name its exception was stored under.
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
}
