package dev.parceler.console;

import dev.parceler.audit.AuditLog;
import dev.parceler.repository.FastLane;
import dev.parceler.repository.InvalidRepositoryException;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryRules;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.sync.JobQueue;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code repo:release}; {@link RepoMilestoneCommand} is the same under its old name.
 */
@Command(mixinStandardHelpOptions = true,
        description = {"Release a repository's upstream now: sync, snapshot, and serve the new snapshot at once (a frozen"
                + " repository keeps its freeze); the snapshots nothing holds are deleted.",
                "With --path, a fast lane: only that folder (a feed) is served from the new snapshot, by every ring, while"
                        + " the rest stays delayed; it ends by itself once the delay serves a snapshot at least as new,"
                        + " with a release, or with --clear-path."})
class RepoReleaseCommand extends RepositoryCommand {
    static final String RELEASED = "Release for %s dispatched.";
    static final String MILESTONE_RELEASED = "Milestone release for %s dispatched.";

    private final String message;
    private final Map<String, String> environment;

    @Mixin
    ActionRecord action;

    @Option(names = "--path", paramLabel = "FOLDER",
            description = "Release only this folder of the snapshot, e.g. packages/x86_64/nethsecurity (a fast lane).")
    String path;

    @Option(names = "--clear-path", description = "End the repository's fast lane now: its folder follows the delay again.")
    boolean clearPath;

    private final Supplier<JobQueue> queue;
    private final Supplier<AuditLog> audit;

    RepoReleaseCommand(Supplier<RepositoryStore> repositories, Supplier<JobQueue> queue, Supplier<AuditLog> audit,
            String message, Map<String, String> environment) {
        super(repositories);
        this.queue = queue;
        this.audit = audit;
        this.message = message;
        this.environment = environment;
    }

    @Override
    int run(Repository repository) {
        action.check();
        if (clearPath) {
            if (path != null) {
                throw new ConsoleFailure("Give --path or --clear-path, not both.");
            }
            if (!repositories.get().closeFastLane(repository.name())) {
                throw new InvalidRepositoryException("Repository '" + repository.name() + "' has no fast lane.");
            }
            out().println("Fast lane of '" + repository.name() + "' cleared: "
                    + repository.fastLane().map(FastLane::path).orElse("") + " follows the delay again.");
            return 0;
        }
        if (path != null) {
            String folder = RepositoryRules.subDir(path)
                    .orElseThrow(() -> new InvalidRepositoryException("The fast lane's folder is required (--path FOLDER)."));
            queue.get().fastLane(repository.name(), folder);
            action.record(audit.get(), environment, name, "release", Optional.of(folder));
            out().println("Fast lane release of " + folder + " for " + repository.name() + " dispatched.");
            return 0;
        }
        queue.get().release(name);
        action.record(audit.get(), environment, name, "release", Optional.empty());
        out().println(message.formatted(name));
        return 0;
    }
}
