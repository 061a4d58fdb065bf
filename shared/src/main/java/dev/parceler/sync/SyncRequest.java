package dev.parceler.sync;

import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/**
 * Sync a repository from upstream, then snapshot it and clean up old snapshots. Stored in the job
 * table as JSON under this class name: renaming or reshaping it strands queued jobs
 * (the golden tests in {@code JobWireFormatTest} say so first).
 */
public record SyncRequest(String repository) implements JobRequest {
    @Override
    public Class<? extends JobRequestHandler<SyncRequest>> getJobRequestHandler() {
        return SyncJob.class;
    }
}
