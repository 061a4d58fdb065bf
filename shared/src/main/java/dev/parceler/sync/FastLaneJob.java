package dev.parceler.sync;

import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.server.runner.ThreadLocalJobContext;

/** Runs {@link FastLaneRequest}s in the worker. */
public final class FastLaneJob implements JobRequestHandler<FastLaneRequest> {
    private final RepositoryWork work;

    public FastLaneJob(RepositoryWork work) {
        this.work = work;
    }

    @Override
    public void run(FastLaneRequest request) throws Exception {
        work.fastLane(request.repository(), request.path(), ThreadLocalJobContext.getJobContext().getJobId());
    }
}
