package dev.parceler.console;

import dev.parceler.Installation;
import dev.parceler.repository.InvalidRepositoryException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "repo:halt", mixinStandardHelpOptions = true,
        description = {"Halt a repository's rollout: every ring (and the repository's own delay) keeps serving what it serves"
                + " now, whatever the time and new syncs, until repo:resume. Freeze, rollback and release work as before;"
                + " a release ends the halt."})
final class RepoHaltCommand implements Callable<Integer> {
    private final Installation installation;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<name>", description = "The repository.")
    String repository;

    RepoHaltCommand(Installation installation) {
        this.installation = installation;
    }

    @Override
    public Integer call() {
        String name = installation.repositories().get(repository).name();
        if (!installation.repositories().halt(name)) {
            throw new InvalidRepositoryException("The rollout of '" + name + "' is halted already.");
        }
        installation.snapshotChanges().record(name);
        spec.commandLine().getOut().println("Rollout of '" + name + "' halted: every ring keeps what it serves ('repo:resume "
                + name + "' ends it).");
        return 0;
    }
}
