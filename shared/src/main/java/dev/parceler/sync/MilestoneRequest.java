package dev.parceler.sync;

import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/**
 * The release's name before "milestone" became "release". Nothing enqueues it any more; it stays
 * so that jobs queued by an earlier version still load and run as a release (a wire format,
 * pinned by {@code JobWireFormatTest}).
 */
public record MilestoneRequest(String repository) implements JobRequest {
    @Override
    public Class<? extends JobRequestHandler<MilestoneRequest>> getJobRequestHandler() {
        return MilestoneJob.class;
    }
}
