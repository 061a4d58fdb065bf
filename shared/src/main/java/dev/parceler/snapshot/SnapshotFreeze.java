package dev.parceler.snapshot;

import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryNotFoundException;
import dev.parceler.repository.RepositoryStore;
import java.util.Optional;

/** Pins a repository on one snapshot folder, or releases it back to the delay window. */
public final class SnapshotFreeze {
    private final RepositoryStore repositories;
    private final SnapshotCatalog catalog;

    public SnapshotFreeze(RepositoryStore repositories, SnapshotCatalog catalog) {
        this.repositories = repositories;
        this.catalog = catalog;
    }

    /**
     * The folder a freeze would use: {@code folder} when given, else the snapshot served now.
     * Refuses a repository that is already frozen, a folder that is not a single name, and a
     * folder that does not exist (freezing on it would serve nothing).
     */
    public String target(String name, Optional<String> folder) {
        Repository repository = repositories.get(name);
        if (repository.frozen()) {
            throw new FreezeException("Repository '" + name + "' is already frozen.");
        }
        if (folder.isEmpty()) {
            return catalog.served(repository)
                    .map(ServedSnapshot::folder)
                    .orElseThrow(() -> new FreezeException("Repository '" + name + "' has no snapshot to freeze to."));
        }
        String wanted = folder.get();
        if (wanted.isEmpty() || wanted.contains("/") || wanted.contains("\\") || wanted.equals(".")
                || wanted.equals("..") || wanted.startsWith(".") || wanted.indexOf('\0') >= 0) {
            throw new FreezeException("'" + wanted + "' is not a snapshot folder name of repository '" + name + "'.");
        }
        if (!catalog.snapshots(repository).contains(wanted)) {
            throw new FreezeException("Snapshot '" + wanted + "' of repository '" + name + "' does not exist in "
                    + catalog.repositoryFolder(repository) + ".");
        }
        return wanted;
    }

    public void freeze(String name, String folder) {
        if (!repositories.freeze(name, folder)) {
            Repository repository = repositories.get(name);
            throw new FreezeException("Repository '" + repository.name() + "' is already frozen.");
        }
    }

    public void unfreeze(String name) {
        if (!repositories.unfreeze(name)) {
            repositories.find(name).orElseThrow(() -> new RepositoryNotFoundException(name));
            throw new FreezeException("Repository '" + name + "' is not frozen.");
        }
    }
}
