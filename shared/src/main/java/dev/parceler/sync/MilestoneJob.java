package dev.parceler.sync;

import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.server.runner.ThreadLocalJobContext;

/** Runs {@link MilestoneRequest}s in the worker. */
public final class MilestoneJob implements JobRequestHandler<MilestoneRequest> {
    private final RepositoryWork work;

    public MilestoneJob(RepositoryWork work) {
        this.work = work;
    }

    @Override
    public void run(MilestoneRequest request) throws Exception {
        work.milestone(request.repository(), ThreadLocalJobContext.getJobContext().getJobId());
    }
}
