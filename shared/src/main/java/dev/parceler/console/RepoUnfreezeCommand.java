package dev.parceler.console;

import dev.parceler.Installation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "repo:unfreeze", mixinStandardHelpOptions = true,
        description = "Serve a frozen repository from its delay window again.")
final class RepoUnfreezeCommand implements Callable<Integer> {
    private final Installation installation;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<name>", description = "The repository.")
    String name;

    RepoUnfreezeCommand(Installation installation) {
        this.installation = installation;
    }

    @Override
    public Integer call() {
        installation.repositories().get(name);
        spec.commandLine().getOut().println("Unfreezing repository '" + name + "'...");
        installation.freezes().unfreeze(name);
        return 0;
    }
}
