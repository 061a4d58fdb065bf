package dev.parceler.sync;

import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.server.runner.ThreadLocalJobContext;

/** Runs {@link MilestoneRequest}s queued by an earlier version: as a release. */
public final class MilestoneJob implements JobRequestHandler<MilestoneRequest> {
    private final RepositoryWork work;

    public MilestoneJob(RepositoryWork work) {
        this.work = work;
    }

    @Override
    public void run(MilestoneRequest request) throws Exception {
        work.release(request.repository(), ThreadLocalJobContext.getJobContext().getJobId());
    }
}
