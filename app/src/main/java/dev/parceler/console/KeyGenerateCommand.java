package dev.parceler.console;

import dev.parceler.config.AppKey;
import dev.parceler.config.EnvFile;
import dev.parceler.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "key:generate", mixinStandardHelpOptions = true,
        description = "Create a new APP_KEY and write it into .env in the working directory.")
final class KeyGenerateCommand implements Callable<Integer> {
    private final Settings settings;
    private final SecureRandom random;

    @Spec
    CommandSpec spec;

    @Option(names = "--show", description = "Print the key instead of writing it.")
    boolean show;

    @Option(names = "--force", description = "Replace an APP_KEY that is already set (cached credentials become invalid).")
    boolean force;

    KeyGenerateCommand(Settings settings, SecureRandom random) {
        this.settings = settings;
        this.random = random;
    }

    @Override
    public Integer call() {
        String key = AppKey.generate(random);
        if (show) {
            spec.commandLine().getOut().println(key);
            return 0;
        }
        if (settings.appKey().isPresent() && !force) {
            throw new ConsoleFailure("APP_KEY is already set; use --force to replace it.");
        }
        try {
            new EnvFile(settings.envFile()).set("APP_KEY", key);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + settings.envFile(), e);
        }
        spec.commandLine().getOut().println("Application key set in " + settings.envFile() + ".");
        return 0;
    }
}
