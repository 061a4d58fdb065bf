package dev.parceler.console;

import dev.parceler.Installation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply pending database migrations (every other command does this first too).")
final class MigrateCommand implements Callable<Integer> {
    private final Installation installation;

    @Spec
    CommandSpec spec;

    MigrateCommand(Installation installation) {
        this.installation = installation;
    }

    @Override
    public Integer call() {
        installation.database();
        spec.commandLine().getOut().println("Database " + installation.settings().database().describe() + " is up to date.");
        return 0;
    }
}
