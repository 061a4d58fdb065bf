package dev.parceler.sync;

import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;
import org.jobrunr.storage.sql.sqlite.SqLiteStorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import javax.sql.DataSource;

/** The job library's store in Parceler's own SQLite file (its tables are created by the migrations). */
public final class JobStorage {
    private JobStorage() {
    }

    public static JsonMapper jsonMapper() {
        return new DeferredJsonMapper(JacksonJsonMapper::new);
    }

    public static StorageProvider open(DataSource dataSource, JsonMapper jsonMapper) {
        StorageProvider storage = new SqLiteStorageProvider(dataSource, DatabaseOptions.SKIP_CREATE);
        storage.setJobMapper(new JobMapper(jsonMapper));
        return storage;
    }
}
