package dev.parceler.console;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top of the console: {@code parceler <command>}. */
@Command(
        name = "parceler",
        mixinStandardHelpOptions = true,
        versionProvider = ParcelerVersion.class,
        description = "Delayed-release package repository server.%n",
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run 'parceler <command> --help' for the options of a command.",
                "Settings come from the environment and an optional .env file; see .env.example."})
public final class ParcelerCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command.");
    }
}
