package dev.parceler.sync;

import java.io.OutputStream;
import java.util.function.Supplier;
import org.jobrunr.utils.mapper.JsonMapper;

/**
 * The job library's JSON mapper, built at its first use. The library asks for one when a job
 * server starts, but an idle worker or scheduler may never write or read a job: building Jackson's
 * mapper up front loads some 500 classes that such a process keeps resident for nothing.
 */
final class DeferredJsonMapper implements JsonMapper {
    private final Supplier<JsonMapper> build;
    private volatile JsonMapper mapper;

    DeferredJsonMapper(Supplier<JsonMapper> build) {
        this.build = build;
    }

    private JsonMapper mapper() {
        JsonMapper built = mapper;
        if (built == null) {
            synchronized (this) {
                built = mapper;
                if (built == null) {
                    built = build.get();
                    mapper = built;
                }
            }
        }
        return built;
    }

    @Override
    public String serialize(Object object) {
        return mapper().serialize(object);
    }

    @Override
    public void serialize(OutputStream output, Object object) {
        mapper().serialize(output, object);
    }

    @Override
    public <T> T deserialize(String json, Class<T> type) {
        return mapper().deserialize(json, type);
    }
}
