package dev.parceler.app;

import dev.parceler.config.Logging;
import dev.parceler.config.Settings;
import dev.parceler.config.SettingsException;
import dev.parceler.config.SettingsReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;

/** Entry point of the single jar: the console, and the {@code serve}, {@code worker} and {@code scheduler} processes. */
public final class ParcelerMain {
    private ParcelerMain() {
    }

    public static void main(String[] arguments) {
        System.exit(run(arguments));
    }

    /** The process's name in its database connections and thread names: the command for the three processes. */
    static String processName(String[] arguments) {
        String command = arguments.length == 0 ? "" : arguments[0];
        return switch (command) {
            case "serve", "worker", "scheduler" -> command;
            default -> "console";
        };
    }

    static int run(String[] arguments) {
        PrintWriter out = new PrintWriter(System.out, true, Charset.defaultCharset());
        PrintWriter err = new PrintWriter(System.err, true, Charset.defaultCharset());
        Settings settings;
        try {
            settings = new SettingsReader(System.getenv(), Path.of("")).read();
        } catch (SettingsException e) {
            err.println("Invalid configuration: " + e.getMessage());
            return 1;
        }
        Logging.apply(settings.logLevel());
        return ParcelerRoot.run(settings, processName(arguments), arguments, out, err);
    }
}
