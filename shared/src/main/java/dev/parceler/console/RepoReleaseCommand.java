package dev.parceler.console;

import dev.parceler.Installation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code repo:release}, and under its old name {@code repo:milestone}, which keeps the old
 * message so that scripts reading it go on working.
 */
@Command(mixinStandardHelpOptions = true,
        description = {"Release a repository's upstream now: sync, snapshot, then delete every other timestamped"
                + " snapshot so the new one is served (a frozen repository keeps its freeze)."})
final class RepoReleaseCommand implements Callable<Integer> {
    static final String RELEASED = "Release for %s dispatched.";
    static final String MILESTONE_RELEASED = "Milestone release for %s dispatched.";

    private final Installation installation;
    private final String message;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<name>", description = "The repository.")
    String name;

    RepoReleaseCommand(Installation installation, String message) {
        this.installation = installation;
        this.message = message;
    }

    @Override
    public Integer call() {
        installation.repositories().get(name);
        installation.jobQueue().release(name);
        spec.commandLine().getOut().println(message.formatted(name));
        return 0;
    }
}
