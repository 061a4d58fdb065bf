package dev.parceler.console;

import dev.parceler.maintenance.MaintenanceStore;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "up", mixinStandardHelpOptions = true, description = "Bring the service out of maintenance.")
final class UpCommand implements Callable<Integer> {
    private final Supplier<MaintenanceStore> maintenance;

    @Spec
    CommandSpec spec;

    UpCommand(Supplier<MaintenanceStore> maintenance) {
        this.maintenance = maintenance;
    }

    @Override
    public Integer call() {
        boolean wasDown = maintenance.get().up();
        spec.commandLine().getOut().println(wasDown ? "Application is now live." : "Application is already up.");
        return 0;
    }
}
