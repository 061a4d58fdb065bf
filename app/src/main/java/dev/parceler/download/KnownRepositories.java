package dev.parceler.download;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.parceler.database.SharedState;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryStore;
import java.util.Optional;

/**
 * Repositories by name for the download path, read from the database again once a reading is
 * {@link SharedState#REREAD} old, so a freeze, an unfreeze or a new delay reaches downloads within
 * {@link SharedState#NOTICED_WITHIN}. Ages are measured on the monotonic clock (the cache's own
 * ticker): they are intervals, not dates, and must pass even when the service's clock is held
 * still. Names nobody has (asked for by anyone) are remembered too, at most {@link #NAMES} in all,
 * the least used leaving first; requests for one name at once read the database once.
 */
final class KnownRepositories {
    static final int NAMES = 10_000;

    private final LoadingCache<String, Optional<Repository>> known;

    KnownRepositories(RepositoryStore store) {
        this.known = Caffeine.newBuilder().maximumSize(NAMES).expireAfterWrite(SharedState.REREAD).build(store::find);
    }

    Optional<Repository> find(String name) {
        return known.get(name);
    }
}
