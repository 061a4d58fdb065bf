package dev.parceler.app;

import dev.parceler.Installation;
import dev.parceler.config.Settings;
import dev.parceler.console.Console;
import dev.parceler.console.ConsoleRoot;
import dev.parceler.console.Terminal;
import dev.parceler.scheduler.SchedulerCommand;
import dev.parceler.scheduler.SchedulerRoot;
import dev.parceler.worker.WorkerCommand;
import dev.parceler.worker.WorkerProcess;
import dev.parceler.worker.WorkerRoot;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

/**
 * The composition root of the single jar: this process's installation, the console's commands on
 * it ({@link ConsoleRoot}), and the commands that start a process ({@code serve}, {@code worker},
 * {@code scheduler}), each built by its own root when it runs.
 */
final class ParcelerRoot {
    private ParcelerRoot() {
    }

    /** Runs one {@code parceler} command on an installation of these settings, closed when it ends. */
    static int run(Settings settings, String processName, String[] arguments, PrintWriter out, PrintWriter err) {
        try (Installation installation = new Installation(settings, Clock.system(settings.timezone()), processName)) {
            return console(installation, Terminal.ofProcess(), System.getenv(), System.in, out, err).execute(arguments);
        }
    }

    static Console console(Installation installation, Terminal terminal, Map<String, String> environment, InputStream in,
            PrintWriter out, PrintWriter err) {
        return ConsoleRoot.console(installation, terminal, environment, in, out, err)
                .add("serve", ServeCommand.class, () -> new ServeCommand(
                        () -> {
                            // A database that cannot be opened stops serve before it listens.
                            installation.database();
                            return ServeRoot.http(installation);
                        },
                        onFailure -> WorkerRoot.worker(installation, false, WorkerProcess.DEFAULT_THREADS, onFailure),
                        () -> SchedulerRoot.scheduler(installation),
                        installation.settings().http().port()))
                .add("worker", WorkerCommand.class, () -> new WorkerCommand(
                        (force, threads, onFailure) -> WorkerRoot.worker(installation, force, threads, onFailure)))
                .add("scheduler", SchedulerCommand.class, () -> new SchedulerCommand(() -> SchedulerRoot.scheduler(installation)));
    }
}
