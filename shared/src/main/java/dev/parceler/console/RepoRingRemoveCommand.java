package dev.parceler.console;

import dev.parceler.Installation;
import dev.parceler.repository.InvalidRepositoryException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "repo:ring:remove", mixinStandardHelpOptions = true,
        description = "Remove a rollout ring: its machines get the snapshot of the ring they fall in now, or the repository's delay.")
final class RepoRingRemoveCommand implements Callable<Integer> {
    private final Installation installation;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<name>", description = "The repository.")
    String repository;

    @Parameters(index = "1", paramLabel = "<ring>", description = "The ring.")
    String ring;

    RepoRingRemoveCommand(Installation installation) {
        this.installation = installation;
    }

    @Override
    public Integer call() {
        String name = installation.repositories().get(repository).name();
        if (!installation.rings().remove(name, ring)) {
            throw new InvalidRepositoryException("Repository '" + name + "' has no ring named '" + ring + "'.");
        }
        installation.snapshotChanges().record(name);
        spec.commandLine().getOut().println("Ring '" + ring + "' removed from '" + name + "'.");
        return 0;
    }
}
