package dev.parceler.console;

import dev.parceler.Installation;
import dev.parceler.repository.FastLane;
import dev.parceler.repository.InvalidRepositoryException;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryRules;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code repo:release}, and under its old name {@code repo:milestone}, which keeps the old
 * message so that scripts reading it go on working.
 */
@Command(mixinStandardHelpOptions = true,
        description = {"Release a repository's upstream now: sync, snapshot, and serve the new snapshot at once (a frozen"
                + " repository keeps its freeze); the snapshots nothing holds are deleted.",
                "With --path, a fast lane: only that folder (a feed) is served from the new snapshot, by every ring, while"
                        + " the rest stays delayed; it ends by itself once the delay serves a snapshot at least as new,"
                        + " with a release, or with --clear-path."})
final class RepoReleaseCommand extends RepositoryCommand {
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

    RepoReleaseCommand(Installation installation, String message, Map<String, String> environment) {
        super(installation);
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
            if (!installation.repositories().closeFastLane(repository.name())) {
                throw new InvalidRepositoryException("Repository '" + repository.name() + "' has no fast lane.");
            }
            out().println("Fast lane of '" + repository.name() + "' cleared: "
                    + repository.fastLane().map(FastLane::path).orElse("") + " follows the delay again.");
            return 0;
        }
        if (path != null) {
            String folder = RepositoryRules.subDir(path)
                    .orElseThrow(() -> new InvalidRepositoryException("The fast lane's folder is required (--path FOLDER)."));
            installation.jobQueue().fastLane(repository.name(), folder);
            action.record(installation, environment, name, "release", Optional.of(folder));
            out().println("Fast lane release of " + folder + " for " + repository.name() + " dispatched.");
            return 0;
        }
        installation.jobQueue().release(name);
        action.record(installation, environment, name, "release", Optional.empty());
        out().println(message.formatted(name));
        return 0;
    }
}
