package dev.parceler.console;

import dev.parceler.Installation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "up", mixinStandardHelpOptions = true, description = "Bring the service out of maintenance.")
final class UpCommand implements Callable<Integer> {
    private final Installation installation;

    @Spec
    CommandSpec spec;

    UpCommand(Installation installation) {
        this.installation = installation;
    }

    @Override
    public Integer call() {
        boolean wasDown = installation.maintenance().up();
        spec.commandLine().getOut().println(wasDown ? "Application is now live." : "Application is already up.");
        return 0;
    }
}
