package dev.parceler.sync;

import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import dev.parceler.database.Database;

/** The job library's store in Parceler's own database (its tables are created by the migrations). */
public final class JobStorage {
    private JobStorage() {
    }

    public static JsonMapper jsonMapper() {
        return new DeferredJsonMapper(JacksonJsonMapper::new);
    }

    public static StorageProvider open(Database database, JsonMapper jsonMapper) {
        StorageProvider storage = database.jobStorage();
        storage.setJobMapper(new JobMapper(jsonMapper));
        return storage;
    }
}
