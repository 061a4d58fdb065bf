package dev.parceler.repository;

import java.time.Clock;
import javax.sql.DataSource;

/** The repositories and their rollout rings, as one process uses them: each store built once. */
public final class RepositoryComponents {
    private final RepositoryStore repositories;
    private final RingStore rings;

    public RepositoryComponents(DataSource dataSource, Clock clock) {
        this.repositories = new RepositoryStore(dataSource, clock);
        this.rings = new RingStore(dataSource);
    }

    public RepositoryStore repositories() {
        return repositories;
    }

    public RingStore rings() {
        return rings;
    }
}
