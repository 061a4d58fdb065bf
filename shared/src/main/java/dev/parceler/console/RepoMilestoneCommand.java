package dev.parceler.console;

import dev.parceler.Installation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "repo:milestone", mixinStandardHelpOptions = true,
        description = {"Release a repository's upstream now: sync, snapshot, then delete every other timestamped"
                + " snapshot so the new one is served (a frozen repository keeps its freeze)."})
final class RepoMilestoneCommand implements Callable<Integer> {
    private final Installation installation;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<name>", description = "The repository.")
    String name;

    RepoMilestoneCommand(Installation installation) {
        this.installation = installation;
    }

    @Override
    public Integer call() {
        installation.repositories().get(name);
        installation.jobQueue().milestone(name);
        spec.commandLine().getOut().println("Milestone release for " + name + " dispatched.");
        return 0;
    }
}
