package dev.parceler.sync;

import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/**
 * A fast lane for one folder ({@code repo:release <name> --path <folder>}): sync, snapshot, then
 * serve {@code path} from the new snapshot at once while the rest stays delayed. A wire format,
 * like {@link ReleaseRequest}.
 */
public record FastLaneRequest(String repository, String path) implements JobRequest {
    @Override
    public Class<? extends JobRequestHandler<FastLaneRequest>> getJobRequestHandler() {
        return FastLaneJob.class;
    }
}
