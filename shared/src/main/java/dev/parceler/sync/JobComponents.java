package dev.parceler.sync;

import dev.parceler.database.Database;
import java.time.Clock;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;

/**
 * The job tables and the run history, as one process uses them. The job library's store is opened
 * at its first use, once: most console commands never touch a job, and it loads the job library.
 */
public final class JobComponents implements AutoCloseable {
    private final Database database;
    private final JsonMapper jsonMapper = JobStorage.jsonMapper();
    private final RunHistory runs;
    private StorageProvider storage;
    private JobQueue queue;

    public JobComponents(Database database, Clock clock) {
        this.database = database;
        this.runs = new RunHistory(database.dataSource(), clock);
    }

    public JsonMapper jsonMapper() {
        return jsonMapper;
    }

    public RunHistory runs() {
        return runs;
    }

    /** The job library's store, on the same database. */
    public synchronized StorageProvider storage() {
        if (storage == null) {
            storage = JobStorage.open(database, jsonMapper);
        }
        return storage;
    }

    public synchronized JobQueue queue() {
        if (queue == null) {
            queue = new JobQueue(new JobRequestScheduler(storage()));
        }
        return queue;
    }

    @Override
    public synchronized void close() {
        if (storage != null) {
            storage.close();
            storage = null;
            queue = null;
        }
    }
}
