package dev.parceler.download;

import dev.parceler.database.SharedState;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Repositories by name for the download path, read from the database again once a reading is
 * {@link SharedState#REREAD} old, so a freeze, an unfreeze or a new delay reaches downloads within
 * {@link SharedState#NOTICED_WITHIN}. Ages are measured on the monotonic clock: they are
 * intervals, not dates, and must pass even when the service's clock is held still.
 */
final class KnownRepositories {
    private final RepositoryStore store;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    KnownRepositories(RepositoryStore store) {
        this.store = store;
    }

    private record Known(Optional<Repository> repository, long readAtNanos) {
    }

    Optional<Repository> find(String name) {
        long now = System.nanoTime();
        Known cached = known.get(name);
        if (cached != null && now - cached.readAtNanos() < SharedState.REREAD.toNanos()) {
            return cached.repository();
        }
        Optional<Repository> repository = store.find(name);
        if (known.size() > 10_000) {
            known.clear();
        }
        known.put(name, new Known(repository, now));
        return repository;
    }
}
