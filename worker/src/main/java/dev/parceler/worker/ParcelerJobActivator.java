package dev.parceler.worker;

import dev.parceler.sync.MilestoneJob;
import dev.parceler.sync.FastLaneJob;
import dev.parceler.sync.ReleaseJob;
import dev.parceler.sync.RepositoryWork;
import dev.parceler.sync.SyncJob;
import org.jobrunr.server.JobActivator;

/** Builds the job handlers with the worker's collaborators; the job library asks for them by class. */
final class ParcelerJobActivator implements JobActivator {
    private final RepositoryWork work;

    ParcelerJobActivator(RepositoryWork work) {
        this.work = work;
    }

    @Override
    public <T> T activateJob(Class<T> type) {
        if (type == SyncJob.class) {
            return type.cast(new SyncJob(work));
        }
        if (type == ReleaseJob.class) {
            return type.cast(new ReleaseJob(work));
        }
        if (type == FastLaneJob.class) {
            return type.cast(new FastLaneJob(work));
        }
        // Queued by an earlier version, before "milestone" became "release".
        if (type == MilestoneJob.class) {
            return type.cast(new MilestoneJob(work));
        }
        throw new IllegalArgumentException("No job handler " + type.getName() + " in this worker");
    }
}
