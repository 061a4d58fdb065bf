package dev.parceler.console;

import dev.parceler.Installation;
import dev.parceler.snapshot.SnapshotFreeze;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "repo:freeze", mixinStandardHelpOptions = true,
        description = "Serve one snapshot folder of a repository until it is unfrozen; syncs go on meanwhile.")
final class RepoFreezeCommand implements Callable<Integer> {
    private final Installation installation;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<name>", description = "The repository.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<dir>",
            description = "A folder in snapshots/<name>: a timestamped snapshot or one made by hand."
                    + " Default: the snapshot served now.")
    String directory;

    RepoFreezeCommand(Installation installation) {
        this.installation = installation;
    }

    @Override
    public Integer call() {
        SnapshotFreeze freezes = installation.freezes();
        String target = freezes.target(name, Optional.ofNullable(directory));
        spec.commandLine().getOut().println("Freezing repository '" + name + "' to '" + target + "'...");
        freezes.freeze(name, target);
        return 0;
    }
}
