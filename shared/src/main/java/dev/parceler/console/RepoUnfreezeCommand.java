package dev.parceler.console;

import dev.parceler.Installation;
import dev.parceler.repository.Repository;
import dev.parceler.sync.JobRun.Kind;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "repo:unfreeze", mixinStandardHelpOptions = true,
        description = "Serve a frozen repository from its delay window again; also ends a rollback (recorded in repo:runs).")
final class RepoUnfreezeCommand extends RepositoryCommand {
    @Mixin
    ActionRecord action;

    private final Map<String, String> environment;

    RepoUnfreezeCommand(Installation installation, Map<String, String> environment) {
        super(installation);
        this.environment = environment;
    }

    @Override
    int run(Repository repository) {
        // The error alone when there is nothing to unfreeze: no "Unfreezing..." before it.
        if (!repository.frozen()) {
            throw new dev.parceler.snapshot.FreezeException("Repository '" + name + "' is not frozen.");
        }
        action.check();
        out().println("Unfreezing repository '" + name + "'...");
        installation.freezes().unfreeze(name);
        action.record(installation, environment, name, "unfreeze", repository.freeze());
        if (repository.rollback()) {
            installation.runs().audit(name, Kind.ROLLBACK, "rollback to " + repository.freeze().orElse("") + " ended by "
                    + RepoRollbackCommand.operator(environment), null);
        }
        return 0;
    }
}
