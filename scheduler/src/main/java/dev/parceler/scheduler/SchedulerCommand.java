package dev.parceler.scheduler;

import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;

@Command(name = "scheduler", mixinStandardHelpOptions = true,
        description = {"Run the scheduler: enqueues the sync of every repository on SYNC_SCHEDULE and prunes old"
                + " run records. Enqueues nothing in maintenance. Several schedulers may run: a tick is enqueued once."})
public final class SchedulerCommand implements Callable<Integer> {
    private final Supplier<SchedulerProcess> scheduler;

    public SchedulerCommand(Supplier<SchedulerProcess> scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public Integer call() {
        SchedulerProcess scheduler = this.scheduler.get();
        Thread loop = Thread.currentThread();
        // Its log lines name the scheduler, as under 'serve --with-scheduler', not the JVM's main thread.
        loop.setName("scheduler");
        // SIGTERM: the tick being enqueued is finished first (the JVM ends when this hook returns).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                scheduler.stopAndWait(SchedulerProcess.STOP_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "scheduler-shutdown"));
        scheduler.run();
        return 0;
    }
}
