package dev.parceler.scheduler;

import dev.parceler.Installation;
import dev.parceler.health.ProcessKind;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "scheduler", mixinStandardHelpOptions = true,
        description = {"Run the scheduler: enqueues the sync of every repository on SYNC_SCHEDULE and prunes old"
                + " run records. Enqueues nothing in maintenance. Several schedulers may run: a tick is enqueued once."})
public final class SchedulerCommand implements Callable<Integer> {
    private final Installation installation;

    public SchedulerCommand(Installation installation) {
        this.installation = installation;
    }

    /** The scheduler of an installation, wired from its parts; shared with {@code serve --with-scheduler}. */
    public static SchedulerProcess process(Installation installation) {
        return new SchedulerProcess(installation.repositories(), installation.jobQueue(), installation.maintenance(),
                installation.runs(), installation.authorizationCache(), installation.database().dataSource(), installation.settings().syncSchedule(),
                installation.settings().timezone(), installation.clock(),
                dueAt -> installation.newPulse(ProcessKind.SCHEDULER, java.util.Optional::empty, dueAt));
    }

    @Override
    public Integer call() {
        SchedulerProcess scheduler = process(installation);
        Thread loop = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            scheduler.stop();
            loop.interrupt();
        }, "scheduler-shutdown"));
        scheduler.run();
        return 0;
    }
}
