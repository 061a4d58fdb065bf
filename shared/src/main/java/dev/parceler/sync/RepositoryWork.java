package dev.parceler.sync;

import java.util.UUID;

/**
 * What the job handlers ask of the worker process. Only the worker supplies an implementation
 * (through its job activator): the app, console and scheduler enqueue jobs but never run them.
 */
public interface RepositoryWork {

    /** Sync, snapshot, clean up. Throws when the sync fails, so the job is retried. */
    void sync(String repository, UUID jobId) throws Exception;

    /** A release: sync, snapshot, then delete every other timestamped snapshot. Throws when the sync fails. */
    void release(String repository, UUID jobId) throws Exception;

    /** A fast lane: sync, snapshot, then serve {@code path} from the new snapshot at once. Throws when the sync fails. */
    void fastLane(String repository, String path, UUID jobId) throws Exception;
}
