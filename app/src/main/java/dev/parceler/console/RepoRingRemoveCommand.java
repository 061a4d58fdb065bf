package dev.parceler.console;

import dev.parceler.repository.InvalidRepositoryException;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.repository.RingStore;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "repo:ring:remove", mixinStandardHelpOptions = true,
        description = "Remove a rollout ring: its machines get the snapshot of the ring they fall in now, or the repository's delay.")
final class RepoRingRemoveCommand extends RepositoryCommand {
    @Parameters(index = "1", paramLabel = "<ring>", description = "The ring.")
    String ring;

    private final Supplier<RingStore> rings;

    RepoRingRemoveCommand(Supplier<RepositoryStore> repositories, Supplier<RingStore> rings) {
        super(repositories);
        this.rings = rings;
    }

    @Override
    int run(Repository repository) {
        if (!rings.get().remove(name, ring)) {
            throw new InvalidRepositoryException("Repository '" + name + "' has no ring named '" + ring + "'.");
        }
        out().println("Ring '" + ring + "' removed from '" + name + "'.");
        return 0;
    }
}
