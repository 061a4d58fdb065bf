package dev.parceler.console;

import dev.parceler.audit.AuditLog;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.snapshot.SnapshotFreeze;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "repo:freeze", mixinStandardHelpOptions = true,
        description = "Serve one snapshot folder of a repository until it is unfrozen; syncs go on meanwhile.")
final class RepoFreezeCommand extends RepositoryCommand {
    @Parameters(index = "1", arity = "0..1", paramLabel = "<dir>",
            description = "A folder in snapshots/<name>: a timestamped snapshot or one made by hand."
                    + " Default: the snapshot served now.")
    String directory;

    @Mixin
    ActionRecord action;

    private final Map<String, String> environment;
    private final Supplier<SnapshotFreeze> freezes;
    private final Supplier<AuditLog> audit;

    RepoFreezeCommand(Supplier<RepositoryStore> repositories, Supplier<SnapshotFreeze> freezes,
            Supplier<AuditLog> audit, Map<String, String> environment) {
        super(repositories);
        this.freezes = freezes;
        this.audit = audit;
        this.environment = environment;
    }

    @Override
    int run(Repository repository) {
        action.check();
        SnapshotFreeze freezes = this.freezes.get();
        String target = freezes.target(name, Optional.ofNullable(directory));
        out().println("Freezing repository '" + name + "' to '" + target + "'...");
        freezes.freeze(name, target);
        action.record(audit.get(), environment, name, "freeze", Optional.of(target));
        return 0;
    }
}
