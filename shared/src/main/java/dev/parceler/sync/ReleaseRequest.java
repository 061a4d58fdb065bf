package dev.parceler.sync;

import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/**
 * Release a repository's upstream at once: sync, snapshot, then delete every other timestamped
 * snapshot so the new one is served. A wire format, like {@link SyncRequest}; jobs queued under
 * its old name, {@link MilestoneRequest}, run the same way.
 */
public record ReleaseRequest(String repository) implements JobRequest {
    @Override
    public Class<? extends JobRequestHandler<ReleaseRequest>> getJobRequestHandler() {
        return ReleaseJob.class;
    }
}
