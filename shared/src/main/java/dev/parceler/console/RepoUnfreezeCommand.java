package dev.parceler.console;

import dev.parceler.Installation;
import dev.parceler.repository.Repository;
import dev.parceler.sync.JobRun.Kind;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "repo:unfreeze", mixinStandardHelpOptions = true,
        description = "Serve a frozen repository from its delay window again; also ends a rollback (recorded in repo:runs).")
final class RepoUnfreezeCommand implements Callable<Integer> {
    private final Installation installation;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<name>", description = "The repository.")
    String name;

    private final Map<String, String> environment;

    RepoUnfreezeCommand(Installation installation, Map<String, String> environment) {
        this.installation = installation;
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Repository repository = installation.repositories().get(name);
        // The error alone when there is nothing to unfreeze: no "Unfreezing..." before it.
        if (!repository.frozen()) {
            throw new dev.parceler.snapshot.FreezeException("Repository '" + name + "' is not frozen.");
        }
        spec.commandLine().getOut().println("Unfreezing repository '" + name + "'...");
        installation.freezes().unfreeze(name);
        if (repository.rollback()) {
            installation.runs().audit(name, Kind.ROLLBACK, "rollback to " + repository.freeze().orElse("") + " ended by "
                    + RepoRollbackCommand.operator(environment), null);
        }
        return 0;
    }
}
