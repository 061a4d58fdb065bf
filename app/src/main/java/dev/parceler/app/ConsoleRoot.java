package dev.parceler.app;

import dev.parceler.Installation;
import dev.parceler.admin.AdminCommands;
import dev.parceler.console.Console;
import dev.parceler.console.Terminal;
import dev.parceler.scheduler.SchedulerCommand;
import dev.parceler.worker.WorkerCommand;
import java.io.InputStream;
import java.io.PrintWriter;

/**
 * The composition root of the console: every {@code parceler} command on one installation. The
 * repository commands come with {@link Console}; the commands that start a process ({@code serve},
 * {@code worker}, {@code scheduler}) build it from that process's root when they run.
 */
final class ConsoleRoot {
    private ConsoleRoot() {
    }

    static Console console(Installation installation, Terminal terminal, InputStream in, PrintWriter out, PrintWriter err) {
        return new Console(installation, terminal, out, err)
                .add("serve", new ServeCommand(installation))
                .add("worker", new WorkerCommand(installation))
                .add("scheduler", new SchedulerCommand(installation))
                .add("admin:create", new AdminCommands.Create(installation, in))
                .add("admin:list", new AdminCommands.ListAdmins(installation))
                .add("admin:delete", new AdminCommands.Delete(installation))
                .add("admin:password", new AdminCommands.Password(installation, in))
                .add("health", new HealthCommand(installation));
    }
}
