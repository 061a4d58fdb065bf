package dev.parceler.console;

import dev.parceler.audit.AuditLog;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.snapshot.SnapshotFreeze;
import dev.parceler.sync.JobRun.Kind;
import dev.parceler.sync.RunHistory;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "repo:unfreeze", mixinStandardHelpOptions = true,
        description = "Serve a frozen repository from its delay window again; also ends a rollback (recorded in repo:runs).")
final class RepoUnfreezeCommand extends RepositoryCommand {
    @Mixin
    ActionRecord action;

    private final Map<String, String> environment;
    private final Supplier<SnapshotFreeze> freezes;
    private final Supplier<RunHistory> runs;
    private final Supplier<AuditLog> audit;

    RepoUnfreezeCommand(Supplier<RepositoryStore> repositories, Supplier<SnapshotFreeze> freezes,
            Supplier<RunHistory> runs, Supplier<AuditLog> audit, Map<String, String> environment) {
        super(repositories);
        this.freezes = freezes;
        this.runs = runs;
        this.audit = audit;
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
        freezes.get().unfreeze(name);
        action.record(audit.get(), environment, name, "unfreeze", repository.freeze());
        if (repository.rollback()) {
            runs.get().audit(name, Kind.ROLLBACK, "rollback to " + repository.freeze().orElse("") + " ended by "
                    + RepoRollbackCommand.operator(environment), null);
        }
        return 0;
    }
}
