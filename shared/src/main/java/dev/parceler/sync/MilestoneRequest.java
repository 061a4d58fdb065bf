package dev.parceler.sync;

import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/**
 * Release a repository's upstream at once: sync, snapshot, then delete every other timestamped
 * snapshot so the new one is served. A wire format, like {@link SyncRequest}.
 */
public record MilestoneRequest(String repository) implements JobRequest {
    @Override
    public Class<? extends JobRequestHandler<MilestoneRequest>> getJobRequestHandler() {
        return MilestoneJob.class;
    }
}
