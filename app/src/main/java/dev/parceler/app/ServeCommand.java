package dev.parceler.app;

import dev.parceler.Installation;
import dev.parceler.scheduler.SchedulerProcess;
import dev.parceler.scheduler.SchedulerRoot;
import dev.parceler.worker.WorkerProcess;
import dev.parceler.worker.WorkerRoot;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the HTTP service on HTTP_HOST:HTTP_PORT: downloads, the release trigger and /up.",
                "--with-worker and --with-scheduler run the worker and the scheduler in the same process (the"
                        + " single-machine setup). Stops on SIGTERM, letting running downloads finish for SERVE_STOP_TIMEOUT"
                        + " seconds at most."})
final class ServeCommand implements Callable<Integer> {
    private final Installation installation;

    @Option(names = "--with-worker", description = "Also run the job worker in this process.")
    boolean withWorker;

    @Option(names = "--with-scheduler", description = "Also run the scheduler in this process.")
    boolean withScheduler;

    ServeCommand(Installation installation) {
        this.installation = installation;
    }

    @Override
    public Integer call() throws InterruptedException {
        installation.database();
        CountDownLatch stopped = new CountDownLatch(1);
        HttpService http = ServeRoot.http(installation);
        WorkerProcess worker = withWorker ? WorkerRoot.worker(installation, false, WorkerProcess.DEFAULT_THREADS, () -> Runtime.getRuntime().halt(1)) : null;
        SchedulerProcess scheduler = withScheduler ? SchedulerRoot.scheduler(installation) : null;
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
        http.start(installation.settings().httpPort());
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
