package dev.parceler.console;

import dev.parceler.maintenance.MaintenanceStore;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = {"Put the service in maintenance: downloads answer 503, workers pause (unless started with"
                + " --force) and the scheduler enqueues nothing. /up keeps answering."})
final class DownCommand implements Callable<Integer> {
    private final Supplier<MaintenanceStore> maintenance;

    @Spec
    CommandSpec spec;

    @Option(names = "--retry", paramLabel = "SECONDS", description = "Sent as Retry-After with every 503.")
    String retry;

    @Option(names = "--secret", paramLabel = "TOKEN",
            description = "A visit to /<TOKEN> sets a cookie that bypasses maintenance (letters, digits, '-', '_').")
    String secret;

    DownCommand(Supplier<MaintenanceStore> maintenance) {
        this.maintenance = maintenance;
    }

    @Override
    public Integer call() {
        Optional<Integer> retryAfter = Optional.ofNullable(retry).map(DownCommand::seconds);
        Optional<String> token = Optional.ofNullable(secret).map(DownCommand::token);
        if (!maintenance.get().down(retryAfter, token)) {
            spec.commandLine().getOut().println("Application is already down.");
            return 0;
        }
        spec.commandLine().getOut().println("Application is now in maintenance mode.");
        return 0;
    }

    private static int seconds(String raw) {
        if (!raw.matches("[0-9]{1,7}") || Integer.parseInt(raw) < 1) {
            throw new ConsoleFailure("--retry must be a whole number of seconds from 1 to 9999999, got '" + raw + "'.");
        }
        return Integer.parseInt(raw);
    }

    private static String token(String raw) {
        if (!raw.matches("[A-Za-z0-9_-]{8,200}")) {
            throw new ConsoleFailure("--secret must be 8 to 200 letters, digits, '-' or '_'.");
        }
        return raw;
    }
}
