package dev.parceler.sync;

import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.server.runner.ThreadLocalJobContext;

/** Runs {@link ReleaseRequest}s in the worker. */
public final class ReleaseJob implements JobRequestHandler<ReleaseRequest> {
    private final RepositoryWork work;

    public ReleaseJob(RepositoryWork work) {
        this.work = work;
    }

    @Override
    public void run(ReleaseRequest request) throws Exception {
        work.release(request.repository(), ThreadLocalJobContext.getJobContext().getJobId());
    }
}
