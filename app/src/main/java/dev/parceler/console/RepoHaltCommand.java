package dev.parceler.console;

import dev.parceler.repository.InvalidRepositoryException;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryStore;
import java.util.function.Supplier;
import picocli.CommandLine.Command;

@Command(name = "repo:halt", mixinStandardHelpOptions = true,
        description = {"Halt a repository's rollout: every ring (and the repository's own delay) keeps serving what it serves"
                + " now, whatever the time and new syncs, until repo:resume. Freeze, rollback and release work as before;"
                + " a release ends the halt."})
final class RepoHaltCommand extends RepositoryCommand {
    RepoHaltCommand(Supplier<RepositoryStore> repositories) {
        super(repositories);
    }

    @Override
    int run(Repository repository) {
        if (!repositories.get().halt(name)) {
            throw new InvalidRepositoryException("The rollout of '" + name + "' is halted already.");
        }
        out().println("Rollout of '" + name + "' halted: every ring keeps what it serves ('repo:resume "
                + name + "' ends it).");
        return 0;
    }
}
