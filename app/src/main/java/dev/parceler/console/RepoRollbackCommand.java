package dev.parceler.console;

import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.snapshot.SnapshotRollback.Rollback;
import dev.parceler.snapshot.SnapshotRollback;
import dev.parceler.sync.JobRun.Kind;
import dev.parceler.sync.RunHistory;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "repo:rollback", mixinStandardHelpOptions = true,
        description = {"Serve an earlier snapshot at once: a freeze on it, shown as a rollback in repo:list and undone by"
                + " repo:unfreeze. Replaces a freeze in place. Recorded in repo:runs with who ran it (USER or LOGNAME)"
                + " and the reason.",
                "Cleanup keeps the last REPOSITORY_KEEP_SERVED snapshots that were served, so there is one to go back to."})
final class RepoRollbackCommand extends RepositoryCommand {
    private final Map<String, String> environment;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<snapshot>",
            description = "A snapshot of repo:snapshots. Default: the one served most recently before the one served now.")
    String snapshot;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the run history.")
    String reason;

    private final Supplier<SnapshotRollback> rollbacks;
    private final Supplier<RunHistory> runs;

    RepoRollbackCommand(Supplier<RepositoryStore> repositories, Supplier<SnapshotRollback> rollbacks,
            Supplier<RunHistory> runs, Map<String, String> environment) {
        super(repositories);
        this.rollbacks = rollbacks;
        this.runs = runs;
        this.environment = environment;
    }

    @Override
    int run(Repository repository) {
        if (reason != null && (reason.isBlank() || reason.indexOf('\n') >= 0)) {
            throw new ConsoleFailure("--reason must be one line of text.");
        }
        Rollback rollback = rollbacks.get().rollBack(name, Optional.ofNullable(snapshot));
        String who = operator(environment);
        runs.get().audit(name, Kind.ROLLBACK, "rolled back from " + rollback.from().orElse("(none)") + " to "
                + rollback.to() + " by " + who + (reason == null ? "" : ": " + reason.strip()), rollback.to());
        out().println("Repository '" + name + "' rolled back to '" + rollback.to()
                + "' (frozen on it; 'repo:unfreeze " + name + "' ends the rollback).");
        return 0;
    }

    /** Who runs the console, as the environment says; "unknown" when it does not. */
    static String operator(Map<String, String> environment) {
        for (String variable : new String[] {"USER", "LOGNAME"}) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return "unknown";
    }
}
