package dev.parceler.console;

import dev.parceler.Installation;
import dev.parceler.repository.InvalidRepositoryException;
import dev.parceler.repository.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "repo:ring:remove", mixinStandardHelpOptions = true,
        description = "Remove a rollout ring: its machines get the snapshot of the ring they fall in now, or the repository's delay.")
final class RepoRingRemoveCommand extends RepositoryCommand {
    @Parameters(index = "1", paramLabel = "<ring>", description = "The ring.")
    String ring;

    RepoRingRemoveCommand(Installation installation) {
        super(installation);
    }

    @Override
    int run(Repository repository) {
        if (!installation.rings().remove(name, ring)) {
            throw new InvalidRepositoryException("Repository '" + name + "' has no ring named '" + ring + "'.");
        }
        out().println("Ring '" + ring + "' removed from '" + name + "'.");
        return 0;
    }
}
