package dev.parceler.console;

import dev.parceler.repository.InvalidRepositoryException;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryStore;
import java.util.function.Supplier;
import picocli.CommandLine.Command;

@Command(name = "repo:resume", mixinStandardHelpOptions = true,
        description = "Resume a halted rollout: every ring serves by its delay again (and may move at once).")
final class RepoResumeCommand extends RepositoryCommand {
    RepoResumeCommand(Supplier<RepositoryStore> repositories) {
        super(repositories);
    }

    @Override
    int run(Repository repository) {
        if (!repositories.get().resume(name)) {
            throw new InvalidRepositoryException("The rollout of '" + name + "' is not halted.");
        }
        out().println("Rollout of '" + name + "' resumed.");
        return 0;
    }
}
