package dev.parceler.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parceler.Installation;
import dev.parceler.repository.NewRepository;
import dev.parceler.snapshot.ServedSnapshot;
import dev.parceler.sync.JobRun.Kind;
import dev.parceler.sync.JobRun.Outcome;
import dev.parceler.sync.JobRun;
import dev.parceler.sync.LocalProcesses;
import dev.parceler.sync.RepositoryLease;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.Trees;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's side of a job, run in this JVM on a real database, disk and shell. */
class RepositoryWorkerTest {
    @TempDir
    Path home;
    private TestInstallation parceler;
    private ScheduledExecutorService renewals;
    private RepositoryLease lease;
    private RepositoryWorker worker;
    private Path upstream;

    @BeforeEach
    void start() {
        if (parceler == null) {
            parceler = TestInstallation.in(home);
        }
        renewals = Executors.newSingleThreadScheduledExecutor();
        Installation installation = parceler.installation();
        lease = new RepositoryLease(installation.database().dataSource(), parceler.clock(), Duration.ofSeconds(60), java.util.Optional.empty());
        worker = new RepositoryWorker(installation.repositoryComponents().repositories(),
                new RepositoryTurns(lease, renewals, Duration.ofSeconds(5), new Leftovers(new LocalProcesses(Path.of("/proc")))),
                installation.jobs().runs(), new SyncCommand(Duration.ofSeconds(30), SyncCommand.wrapper()),
                new SyncEnvironment(installation.settings(), installation.volume(), System.getenv()),
                installation.snapshotComponents().writer(), installation.snapshotComponents().cleaner(), installation.jobs().queue(),
                parceler.clock());
        upstream = home.resolve("upstream");
        Trees.write(upstream.resolve("feed/Packages"), "index v1");
        Trees.write(upstream.resolve("feed/a.ipk"), "a");
    }

    @AfterEach
    void stop() {
        renewals.shutdownNow();
        parceler.close();
    }

    private void create(String name, String command, int delay) {
        parceler.installation().repositoryComponents().repositories().create(new NewRepository(name, command, Optional.of("feed"), delay));
    }

    private String copyUpstream() {
        return "cp -a " + upstream + "/. \"$PARCELER_SOURCE_DIR\"/";
    }

    private List<JobRun> runs(String name) {
        return parceler.installation().jobs().runs().recent(name, 10);
    }

    @Test
    void aSyncMakesASnapshotAndRecordsTheRun() throws Exception {
        create("base", copyUpstream() + " && echo synced", 7);
        UUID job = UUID.randomUUID();

        worker.sync("base", job);

        assertThat(Trees.contents(parceler.storageRoot().resolve("snapshots/base/2026-11-21T12:00:00+00:00")))
                .containsEntry("Packages", "index v1").containsEntry("a.ipk", "a");
        JobRun run = runs("base").get(0);
        assertThat(run.kind()).isEqualTo(Kind.SYNC);
        assertThat(run.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(run.exitCode()).contains(0);
        assertThat(run.output()).containsExactly("synced");
        assertThat(run.snapshot()).contains("2026-11-21T12:00:00+00:00");
        assertThat(run.stats()).hasValueSatisfying(stats -> assertThat(stats.filesCopied()).isEqualTo(2));
        assertThat(run.jobId()).contains(job.toString());
        assertThat(lease.acquire("base", "someone-else")).as("the lease was released").isTrue();
    }

    @Test
    void theCommandRunsInTheDiskRootAndIsToldWhereToWrite() throws Exception {
        renewals.shutdownNow();
        parceler.env("RCLONE_CONFIG", "/etc/parceler/rclone.conf");
        start();
        create("base", "pwd; echo \"$PARCELER_REPOSITORY|$PARCELER_SOURCE_DIR|$PARCELER_DISK|$RCLONE_CONFIG\"; "
                + copyUpstream(), 7);

        worker.sync("base", UUID.randomUUID());

        Path root = parceler.storageRoot();
        assertThat(runs("base").get(0).output()).containsExactly(root.toString(),
                "base|" + root.resolve("source/base") + "|local|/etc/parceler/rclone.conf");
    }

    @Test
    void aFailingCommandMakesNoSnapshotAndIsRetried() {
        create("base", "echo cannot reach upstream; exit 4", 7);

        assertThatThrownBy(() -> worker.sync("base", UUID.randomUUID())).isInstanceOf(SyncFailedException.class)
                .hasMessage("base: the sync command exited with 4");

        assertThat(Trees.names(parceler.storageRoot().resolve("snapshots/base"))).isEmpty();
        JobRun run = runs("base").get(0);
        assertThat(run.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(run.exitCode()).contains(4);
        assertThat(run.output()).containsExactly("cannot reach upstream");
        assertThat(run.message()).contains("the sync command exited with 4");
    }

    @Test
    void aSyncCleansUpSnapshotsPastTheDelay() throws Exception {
        create("base", copyUpstream(), 7);
        parceler.snapshot("base", "2026-11-01T00:00:00+00:00");
        parceler.snapshot("base", "2026-11-20T00:00:00+00:00");

        worker.sync("base", UUID.randomUUID());

        assertThat(Trees.names(parceler.storageRoot().resolve("snapshots/base")))
                .containsExactly("2026-11-20T00:00:00+00:00", "2026-11-21T12:00:00+00:00");
        assertThat(runs("base").get(0).message()).contains("deleted 2026-11-01T00:00:00+00:00");
    }

    @Test
    void aMilestoneServesTheNewSnapshotAtOnce() throws Exception {
        create("base", copyUpstream(), 7);
        parceler.snapshot("base", "2026-11-15T00:00:00+00:00");
        parceler.snapshot("base", "2026-11-20T00:00:00+00:00");
        parceler.snapshot("base", "known-good");

        worker.release("base", UUID.randomUUID());

        // The snapshot served until the release stays (the way back, and machines mid-update), never served again.
        assertThat(Trees.names(parceler.storageRoot().resolve("snapshots/base")))
                .containsExactly("2026-11-15T00:00:00+00:00", "2026-11-21T12:00:00+00:00", "known-good");
        assertThat(parceler.installation().snapshotComponents().catalog().served(
                parceler.installation().repositoryComponents().repositories().get("base")).map(ServedSnapshot::folder))
                .contains("2026-11-21T12:00:00+00:00");
        assertThat(runs("base").get(0).kind()).isEqualTo(Kind.RELEASE);
    }

    @Test
    void aFailedMilestoneDeletesNothing() {
        create("base", "exit 1", 7);
        parceler.snapshot("base", "2026-11-15T00:00:00+00:00");
        parceler.snapshot("base", "2026-11-20T00:00:00+00:00");

        assertThatThrownBy(() -> worker.release("base", UUID.randomUUID())).isInstanceOf(SyncFailedException.class);

        assertThat(Trees.names(parceler.storageRoot().resolve("snapshots/base")))
                .containsExactly("2026-11-15T00:00:00+00:00", "2026-11-20T00:00:00+00:00");
    }

    @Test
    void aBusyRepositoryDefersTheJobInsteadOfLosingIt() throws Exception {
        create("base", copyUpstream(), 7);
        assertThat(lease.acquire("base", "another-job")).isTrue();

        worker.sync("base", UUID.randomUUID());

        assertThat(Trees.names(parceler.storageRoot().resolve("snapshots/base"))).isEmpty();
        assertThat(runs("base")).isEmpty();
        assertThat(parceler.jobNames("SCHEDULED")).containsExactly("sync base (after a running job)");
    }

    @Test
    void aJobReRunAfterItsWorkerDiedMarksTheOldRunInterrupted() throws Exception {
        create("base", copyUpstream(), 7);
        UUID job = UUID.randomUUID();
        assertThat(lease.acquire("base", job.toString())).isTrue();
        parceler.installation().jobs().runs().start("base", Kind.SYNC, job);
        Trees.write(parceler.storageRoot().resolve("snapshots/base/.2026-11-21T11:00:00+00:00.partial/Packages"), "half");

        worker.sync("base", job);

        assertThat(runs("base")).extracting(JobRun::outcome).containsExactly(Outcome.SUCCEEDED, Outcome.INTERRUPTED);
        assertThat(Trees.names(parceler.storageRoot().resolve("snapshots/base"))).containsExactly("2026-11-21T12:00:00+00:00");
    }

    @Test
    void aDeletedRepositoryIsSkipped() throws Exception {
        worker.sync("gone", UUID.randomUUID());

        assertThat(runs("gone")).isEmpty();
    }

    /** A job queued before its repository was deleted. */
    @Test
    void aQueuedJobOfADeletedRepositoryEndsCleanly() throws Exception {
        parceler.installation().repositoryComponents().repositories()
                .create(new NewRepository("base", "rclone sync wrong: x", Optional.of("packages"), 7));
        parceler.installation().repositoryComponents().repositories().delete("base");

        worker.sync("base", UUID.randomUUID());
        worker.release("base", UUID.randomUUID());

        assertThat(parceler.installation().jobs().runs().recent("base", 10)).noneMatch(run -> run.outcome() == Outcome.FAILED);
        assertThat(parceler.storageRoot().resolve("snapshots/base")).doesNotExist();
    }
}
