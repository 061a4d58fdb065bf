package dev.parceler.worker;

import dev.parceler.Installation;
import dev.parceler.sync.LocalProcesses;
import dev.parceler.sync.RepositoryLease;
import dev.parceler.testing.TestInstallation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a worker process runs for each job (sync, snapshot, cleanup, release), in the test's JVM
 * on a test installation, with a 30 s sync timeout and a 5 s retry of busy repositories.
 */
public final class TestWorker {
    private TestWorker() {
    }

    /** A worker on {@code parceler}'s installation; its lease renewals stop when the installation closes. */
    public static RepositoryWorker on(TestInstallation parceler) {
        ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor();
        parceler.closedWith(renewals::shutdownNow);
        Installation current = parceler.installation();
        return new RepositoryWorker(current.repositories(),
                new RepositoryLease(current.database().dataSource(), parceler.clock(), Duration.ofSeconds(60), Optional.empty()),
                current.runs(), new SyncCommand(Duration.ofSeconds(30), SyncCommand.wrapper()),
                new SyncEnvironment(current.settings(), current.volume(), System.getenv()), current.snapshotWriter(), current.cleaner(),
                current.jobQueue(), renewals, parceler.clock(), Duration.ofSeconds(5),
                new Leftovers(new LocalProcesses(Path.of("/proc"))));
    }
}
