package dev.parceler.snapshot;

import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryNotFoundException;
import dev.parceler.repository.RepositoryStore;
import java.util.List;
import java.util.Optional;

/**
 * Serves an earlier snapshot at once, as a freeze on it marked as a rollback: what an operator
 * does when the served snapshot holds a bad package. Cleanup keeps the last snapshots served
 * ({@link ServedHistory}), so there is one to go back to.
 */
public final class SnapshotRollback {
    private final RepositoryStore repositories;
    private final SnapshotCatalog catalog;
    private final ServedHistory history;

    public SnapshotRollback(RepositoryStore repositories, SnapshotCatalog catalog, ServedHistory history) {
        this.repositories = repositories;
        this.catalog = catalog;
        this.history = history;
    }

    /** What a rollback did: the snapshot served before (if any) and the one served now. */
    public record Rollback(Optional<String> from, String to) {
    }

    /**
     * Rolls back to {@code snapshot}, or, when not given, to the snapshot served most recently
     * before the one served now. Refuses a snapshot that does not exist or is the one served.
     */
    public Rollback rollBack(String name, Optional<String> snapshot) {
        Repository repository = repositories.get(name);
        List<String> snapshots = catalog.snapshots(repository);
        Optional<String> current = catalog.served(repository).map(ServedSnapshot::folder);
        String target;
        if (snapshot.isPresent()) {
            target = snapshot.get();
            if (!snapshots.contains(target) || target.startsWith(".") || target.contains("/")) {
                throw new FreezeException("Snapshot '" + target + "' of repository '" + name + "' does not exist in "
                        + catalog.repositoryFolder(repository) + "; 'repo:snapshots " + name + "' lists them.");
            }
        } else {
            target = history.served(name, snapshots).stream()
                    .filter(folder -> current.filter(folder::equals).isEmpty())
                    .findFirst()
                    .orElseThrow(() -> new FreezeException("Repository '" + name + "' has no earlier served snapshot to roll back to;"
                            + " name one: repo:rollback " + name + " <snapshot>."));
        }
        if (current.filter(target::equals).isPresent()) {
            throw new FreezeException("Repository '" + name + "' serves '" + target + "' already.");
        }
        // The snapshot served until now is a way forward again: cleanup keeps it as served.
        current.ifPresent(folder -> history.record(name, folder));
        if (!repositories.rollBack(name, target)) {
            throw new RepositoryNotFoundException(name);
        }
        history.record(name, target);
        return new Rollback(current, target);
    }
}
