package dev.parceler.sync;

import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.server.runner.ThreadLocalJobContext;

/** Runs {@link SyncRequest}s in the worker. Attempts and back-off are set by {@link JobQueue}. */
public final class SyncJob implements JobRequestHandler<SyncRequest> {
    private final RepositoryWork work;

    public SyncJob(RepositoryWork work) {
        this.work = work;
    }

    @Override
    public void run(SyncRequest request) throws Exception {
        work.sync(request.repository(), ThreadLocalJobContext.getJobContext().getJobId());
    }
}
