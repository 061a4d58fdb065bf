package dev.parceler.worker;

import dev.parceler.testing.TestInstallation;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a worker process runs for each job (sync, snapshot, cleanup, release), in the test's JVM
 * on a test installation, wired as the worker process wires it ({@link WorkComponents}).
 */
public final class TestWorker {
    private TestWorker() {
    }

    /** A worker on {@code parceler}'s installation; its lease renewals stop when the installation closes. */
    public static RepositoryWorker on(TestInstallation parceler) {
        ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor();
        parceler.closedWith(renewals::shutdownNow);
        return WorkerRoot.work(parceler.installation(), System.getenv(), renewals).work();
    }
}
