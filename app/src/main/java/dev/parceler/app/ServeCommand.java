package dev.parceler.app;

import dev.parceler.scheduler.SchedulerProcess;
import dev.parceler.worker.WorkerProcess;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the HTTP service on HTTP_HOST:HTTP_PORT: downloads, the release trigger and /up.",
                "--with-worker and --with-scheduler run the worker and the scheduler in the same process (the"
                        + " single-machine setup). Stops on SIGTERM, letting running downloads finish for SERVE_STOP_TIMEOUT"
                        + " seconds at most."})
final class ServeCommand implements Callable<Integer> {
    private final Supplier<HttpService> http;
    private final Function<Runnable, WorkerProcess> worker;
    private final Supplier<SchedulerProcess> scheduler;
    private final int port;

    @Option(names = "--with-worker", description = "Also run the job worker in this process.")
    boolean withWorker;

    @Option(names = "--with-scheduler", description = "Also run the scheduler in this process.")
    boolean withScheduler;

    /**
     * @param http the HTTP service, on an open database (a database that cannot be opened stops serve before it listens)
     * @param worker the worker of {@code --with-worker}, given what to do when its job server fails
     * @param port {@code HTTP_PORT}
     */
    ServeCommand(Supplier<HttpService> http, Function<Runnable, WorkerProcess> worker,
            Supplier<SchedulerProcess> scheduler, int port) {
        this.http = http;
        this.worker = worker;
        this.scheduler = scheduler;
        this.port = port;
    }

    @Override
    public Integer call() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        HttpService http = this.http.get();
        WorkerProcess worker = withWorker ? this.worker.apply(() -> Runtime.getRuntime().halt(1)) : null;
        SchedulerProcess scheduler = withScheduler ? this.scheduler.get() : null;
        Thread schedulerThread = scheduler == null ? null : new Thread(scheduler, "scheduler");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.close();
            if (scheduler != null) {
                try {
                    scheduler.stopAndWait(SchedulerProcess.STOP_WAIT);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (worker != null) {
                worker.close();
            }
            stopped.countDown();
        }, "serve-shutdown"));
        http.start(port);
        if (worker != null) {
            worker.start();
        }
        if (schedulerThread != null) {
            schedulerThread.start();
        }
        stopped.await();
        return 0;
    }
}
