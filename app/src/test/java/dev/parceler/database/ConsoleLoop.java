package dev.parceler.database;

import dev.parceler.Installation;
import dev.parceler.config.Settings;
import dev.parceler.config.SettingsReader;
import dev.parceler.console.Console;
import dev.parceler.console.ConsoleRoot;
import dev.parceler.console.Terminal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One writer of {@link ConcurrentWritersIT}: runs the real console commands in a loop in its own
 * JVM (create, freeze, unfreeze, list snapshots) for a given time, then prints what it did and
 * every failure it saw, and exits 1 if there was any.
 */
public final class ConsoleLoop {
    private ConsoleLoop() {
    }

    public static void main(String[] arguments) throws Exception {
        String prefix = arguments[0];
        Instant deadline = Instant.now().plus(Duration.ofSeconds(Long.parseLong(arguments[1])));
        Settings settings = new SettingsReader(System.getenv(), Path.of("")).read();
        int commands = 0;
        int failures = 0;
        StringWriter errors = new StringWriter();
        try (Installation installation = new Installation(settings, Clock.systemUTC(), prefix)) {
            Console console = ConsoleRoot.console(installation, Terminal.none(), System.getenv(), java.io.InputStream.nullInputStream(), new PrintWriter(java.io.Writer.nullWriter()),
                    new PrintWriter(errors, true));
            for (int i = 0; Instant.now().isBefore(deadline); i++) {
                String name = prefix + "-" + i;
                Files.createDirectories(settings.storage().root().resolve("snapshots").resolve(name).resolve("good"));
                String[][] steps = {
                    {"repo:create", "--name", name, "--command", "true", "--source-folder", "", "--delay", "1", "--no-sync"},
                    {"repo:freeze", name, "good"},
                    {"repo:unfreeze", name},
                    {"repo:snapshots", name},
                };
                for (String[] step : steps) {
                    commands++;
                    if (console.execute(step) != 0) {
                        failures++;
                    }
                }
            }
        }
        System.out.println("commands=" + commands + " failures=" + failures);
        System.out.print(errors);
        System.exit(failures == 0 ? 0 : 1);
    }
}
