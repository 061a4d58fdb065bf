package dev.parceler.download;

import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Repositories by name for the download path, read from the database at most every few seconds per name. */
final class KnownRepositories {
    static final Duration FRESHNESS = Duration.ofSeconds(2);

    private final RepositoryStore store;
    private final Clock clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    KnownRepositories(RepositoryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    private record Known(Optional<Repository> repository, Instant readAt) {
    }

    Optional<Repository> find(String name) {
        Instant now = clock.instant();
        Known cached = known.get(name);
        if (cached != null && now.isBefore(cached.readAt().plus(FRESHNESS))) {
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
