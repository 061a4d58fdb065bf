package dev.parceler.console;

import dev.parceler.Installation;
import dev.parceler.repository.InvalidRepositoryException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "repo:resume", mixinStandardHelpOptions = true,
        description = "Resume a halted rollout: every ring serves by its delay again (and may move at once).")
final class RepoResumeCommand implements Callable<Integer> {
    private final Installation installation;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<name>", description = "The repository.")
    String repository;

    RepoResumeCommand(Installation installation) {
        this.installation = installation;
    }

    @Override
    public Integer call() {
        String name = installation.repositories().get(repository).name();
        if (!installation.repositories().resume(name)) {
            throw new InvalidRepositoryException("The rollout of '" + name + "' is not halted.");
        }
        installation.snapshotChanges().record(name);
        spec.commandLine().getOut().println("Rollout of '" + name + "' resumed.");
        return 0;
    }
}
