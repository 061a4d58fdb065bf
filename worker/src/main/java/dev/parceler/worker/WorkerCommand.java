package dev.parceler.worker;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Run the job server: syncs, snapshots, cleanups and releases enqueued by any process.",
                "Pauses in maintenance unless --force. Stops on SIGTERM; a job cut short is run again."})
public final class WorkerCommand implements Callable<Integer> {
    private final Launch launch;

    @Option(names = "--force", description = "Keep running jobs while the service is in maintenance.")
    boolean force;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "" + WorkerProcess.DEFAULT_THREADS,
            description = "Jobs run at once (default: ${DEFAULT-VALUE}).")
    int threads;

    /** How the worker of this installation is built, from the command's options. */
    @FunctionalInterface
    public interface Launch {
        WorkerProcess worker(boolean force, int threads, Runnable onFailure);
    }

    public WorkerCommand(Launch launch) {
        this.launch = launch;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be 1 or more");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        WorkerProcess worker = launch.worker(force, threads, () -> Runtime.getRuntime().halt(1));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.close();
            stopped.countDown();
        }, "worker-shutdown"));
        worker.start();
        stopped.await();
        return 0;
    }
}
