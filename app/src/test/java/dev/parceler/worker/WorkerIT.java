package dev.parceler.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.sync.JobRun.Kind;
import dev.parceler.sync.JobRun.Outcome;
import dev.parceler.sync.JobRun;
import dev.parceler.sync.MilestoneRequest;
import dev.parceler.testing.Background;
import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.Eventually;
import dev.parceler.testing.SnapshotSeconds;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jobrunr.scheduling.JobBuilder;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real {@code parceler worker} processes on a temporary database and disk, fed by the console. */
class WorkerIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path home;
    private TestInstallation parceler;
    private Path upstream;
    // No switch grace: these tests follow which snapshots jobs keep by the delay and REPOSITORY_KEEP_SERVED alone
    // (the grace has tests of its own, SnapshotCleanerTest, the disk scenarios and FleetConsistencyIT).
    private final Map<String, String> environment = Map.of("APP_TIMEZONE", "UTC", "SYNC_TIMEOUT", "3", "SWITCH_GRACE", "0");
    // Copying 190 MB may take longer than 3 s on a loaded machine, and a killed copy is not what that test is about.
    private final Map<String, String> copyingLarge = Map.of("APP_TIMEZONE", "UTC", "SYNC_TIMEOUT", "120", "SWITCH_GRACE", "0");

    @BeforeEach
    void start() {
        parceler = TestInstallation.in(home);
        parceler.env("APP_TIMEZONE", "UTC");
        upstream = home.resolve("upstream");
        Trees.write(upstream.resolve("feed/Packages"), "index v1");
        Trees.write(upstream.resolve("feed/base-files_1.ipk"), "base files");
        Trees.write(upstream.resolve("feed/luci_1.ipk"), "luci");
        Trees.write(upstream.resolve("unpublished"), "outside the source folder");
    }

    @AfterEach
    void stop() {
        parceler.close();
    }

    private ConsoleResult create(String name, String command) {
        return parceler.run("repo:create", "--name", name, "--command", command, "--source-folder", "feed",
                "--delay", "7", "--no-sync");
    }

    private String copyUpstream() {
        return "cp -a " + upstream + "/. \"$PARCELER_SOURCE_DIR\"/";
    }

    private List<JobRun> runs(String name) {
        return parceler.installation().jobs().runs().recent(name, 50);
    }

    private JobRun awaitRun(String name, Predicate<JobRun> wanted, String what) {
        Eventually.await(PATIENCE, what, () -> runs(name).stream().anyMatch(wanted), () -> "runs of " + name + ": " + runs(name).stream()
                .map(run -> run.kind() + " " + run.outcome() + " " + run.message().orElse("")).toList());
        return runs(name).stream().filter(wanted).findFirst().orElseThrow();
    }

    private Path snapshots(String name) {
        return parceler.storageRoot().resolve("snapshots").resolve(name);
    }

    @Test
    void syncsSnapshotsCleansUpAndReleases() throws Exception {
        try (Background worker = Background.start(home, environment, "worker", "worker")) {
            assertThat(create("base", copyUpstream()).exitCode()).isZero();
            parceler.run("repo:sync", "base");
            JobRun first = awaitRun("base", run -> run.outcome() == Outcome.SUCCEEDED, "the first sync of base");

            Path firstSnapshot = snapshots("base").resolve(first.snapshot().orElseThrow());
            assertThat(Trees.contents(firstSnapshot)).as("the source folder's content is at the snapshot's root")
                    .containsEntry("Packages", "index v1").containsEntry("luci_1.ipk", "luci").doesNotContainKey("unpublished");

            Trees.write(upstream.resolve("feed/Packages"), "index v2");
            SnapshotSeconds.awaitAfter(first.snapshot().orElseThrow());
            parceler.run("repo:sync", "base");
            JobRun second = awaitRun("base", run -> run.outcome() == Outcome.SUCCEEDED && run.id() != first.id(), "the second sync");

            Path secondSnapshot = snapshots("base").resolve(second.snapshot().orElseThrow());
            assertThat(Trees.inode(secondSnapshot.resolve("luci_1.ipk"))).isEqualTo(Trees.inode(firstSnapshot.resolve("luci_1.ipk")));
            assertThat(Trees.inode(secondSnapshot.resolve("Packages"))).isNotEqualTo(Trees.inode(firstSnapshot.resolve("Packages")));
            Path source = parceler.storageRoot().resolve("source/base/feed");
            for (Path file : Trees.files(secondSnapshot)) {
                assertThat(Trees.inode(file)).isNotIn(Trees.files(source).stream().map(Trees::inode).toList());
            }
            assertThat(second.stats()).hasValueSatisfying(stats -> {
                assertThat(stats.filesCopied()).isEqualTo(1);
                assertThat(stats.filesLinked()).isEqualTo(2);
            });

            // Release: an old snapshot and one made by hand; afterwards the new one (served), the one served until
            // then (the way back, REPOSITORY_KEEP_SERVED) and the hand-made one.
            parceler.snapshot("base", "2026-01-01T00:00:00+00:00", Map.of("Packages", "old"));
            parceler.snapshot("base", "known-good", Map.of("Packages", "good"));
            SnapshotSeconds.awaitAfter(second.snapshot().orElseThrow());
            assertThat(parceler.run("repo:release", "base").outLines()).containsExactly("Release for base dispatched.");
            JobRun release = awaitRun("base", run -> run.kind() == Kind.RELEASE && run.outcome() == Outcome.SUCCEEDED, "the release");

            assertThat(Trees.names(snapshots("base")))
                    .containsExactly(first.snapshot().orElseThrow(), release.snapshot().orElseThrow(), "known-good");
            assertThat(parceler.run("repo:snapshots", "base").out()).contains("| " + release.snapshot().orElseThrow() + " | Yes    |");
            assertThat(worker.log()).contains("[base] release done");
            assertThat(parceler.run("repo:runs", "base").out()).contains("release");

            // A job queued by an earlier version under the old name still runs, as a release.
            Trees.write(upstream.resolve("feed/Packages"), "index v3");
            SnapshotSeconds.awaitAfter(release.snapshot().orElseThrow());
            new JobRequestScheduler(parceler.installation().jobs().storage()).create(JobBuilder.aJob()
                    .withName("milestone base").withJobRequest(new MilestoneRequest("base")));
            JobRun old = awaitRun("base", run -> run.kind() == Kind.RELEASE && run.outcome() == Outcome.SUCCEEDED
                    && run.id() != release.id(), "the release queued under its old name");
            assertThat(Trees.names(snapshots("base")))
                    .containsExactly(release.snapshot().orElseThrow(), old.snapshot().orElseThrow(), "known-good");
        }
    }

    @Test
    void aFailingOrHangingCommandMakesNoSnapshot() throws Exception {
        Path pids = home.resolve("pids");
        try (Background worker = Background.start(home, environment, "worker", "worker")) {
            create("broken", "echo upstream is down; exit 7");
            create("hanging", "sleep 600 & echo $! > " + pids + "; echo started; sleep 600");
            parceler.run("repo:sync", "broken", "hanging");

            JobRun failed = awaitRun("broken", run -> run.outcome() == Outcome.FAILED, "the failed sync");
            assertThat(failed.exitCode()).contains(7);
            assertThat(failed.output()).containsExactly("upstream is down");
            assertThat(Trees.names(snapshots("broken"))).isEmpty();

            JobRun killed = awaitRun("hanging", run -> run.outcome() == Outcome.FAILED, "the sync past its timeout");
            assertThat(killed.message()).contains("killed after 3 s");
            assertThat(killed.output()).containsExactly("started");
            assertThat(Trees.names(snapshots("hanging"))).isEmpty();
            String child = Files.readString(pids).trim();
            assertThat(Files.exists(Path.of("/proc", child)) && !Files.readString(Path.of("/proc", child, "stat")).contains(") Z "))
                    .as("the command's child " + child + " was killed too").isFalse();

            Eventually.await(PATIENCE, "three attempts of the failing sync",
                    () -> runs("broken").stream().filter(run -> run.outcome() == Outcome.FAILED).count() == 3);
            assertThat(worker.log()).contains("[broken] upstream is down");
        }
    }

    @Test
    @SuppressWarnings("try") // the second worker runs for the block
    void aWorkerKilledInTheMiddleOfASnapshotLeavesNoPartOfItAndTheJobFinishes() throws Exception {
        byte[] block = new byte[64 * 1024];
        for (int i = 0; i < 3000; i++) {
            Path file = upstream.resolve("feed/pkg/p" + i + ".ipk");
            Files.createDirectories(file.getParent());
            block[0] = (byte) i;
            Files.write(file, block);
        }
        create("large", copyUpstream());
        Background first = Background.start(home, copyingLarge, "worker-1", "worker");
        try {
            parceler.run("repo:sync", "large");
            Eventually.await(PATIENCE, "a snapshot being written",
                    () -> Trees.names(snapshots("large")).stream().anyMatch(name -> name.endsWith(".partial")));
            first.kill();
        } finally {
            first.close();
        }
        assertThat(Trees.names(snapshots("large"))).as("only the hidden, partial folder").allMatch(name -> name.startsWith("."));
        assertThat(parceler.run("repo:snapshots", "large").out()).doesNotContain("partial");

        try (Background second = Background.start(home, copyingLarge, "worker-2", "worker")) {
            JobRun finished = awaitRun("large", run -> run.outcome() == Outcome.SUCCEEDED, "the interrupted sync, run again");
            assertThat(Trees.names(snapshots("large"))).containsExactly(finished.snapshot().orElseThrow());
            assertThat(Trees.files(snapshots("large").resolve(finished.snapshot().orElseThrow())))
                    .hasSize(3000 + 4); // the packages, Packages, two ipks and the manifest
            assertThat(runs("large")).extracting(JobRun::outcome).contains(Outcome.INTERRUPTED, Outcome.SUCCEEDED);
        }
    }

    private long jobServers() throws java.sql.SQLException {
        try (java.sql.Connection connection = parceler.installation().database().dataSource().getConnection();
                java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM jobrunr_backgroundjobservers")) {
            count.next();
            return count.getLong(1);
        }
    }

    @Test
    void inMaintenanceAWorkerWaitsUnlessForced() throws Exception {
        create("base", copyUpstream());
        parceler.run("down");
        try (Background worker = Background.start(home, environment, "worker", "worker")) {
            parceler.run("repo:sync", "base");
            Eventually.await(PATIENCE, "the worker started, in maintenance", () -> worker.log().contains("Worker started: "));
            assertThat(worker.log()).contains("In maintenance");
            // In maintenance the job library's server is not started at all: no server is there to take the job.
            assertThat(jobServers()).as("job servers registered").isZero();
            assertThat(parceler.jobNames("ENQUEUED")).containsExactly("sync base");
            assertThat(runs("base")).isEmpty();

            parceler.run("up");
            awaitRun("base", run -> run.outcome() == Outcome.SUCCEEDED, "the sync once maintenance is over");
            assertThat(jobServers()).as("the job server, once started, is registered").isPositive();
        }

        parceler.run("down");
        try (Background forced = Background.start(home, environment, "forced", "worker", "--force")) {
            parceler.run("repo:sync", "base");
            Eventually.await(PATIENCE, "a second sync despite maintenance",
                    () -> runs("base").stream().filter(run -> run.outcome() == Outcome.SUCCEEDED).count() == 2);
            assertThat(forced.log()).contains("maintenance ignored (--force)");
        }
    }

    @Test
    void twoWorkersNeverSyncOneRepositoryAtTheSameTime() throws Exception {
        Path lock = home.resolve("in-sync");
        create("shared", "mkdir " + lock + " || exit 99; sleep 1; " + copyUpstream() + "; rmdir " + lock);
        try (Background one = Background.start(home, environment, "worker-a", "worker");
                Background other = Background.start(home, environment, "worker-b", "worker")) {
            parceler.run("repo:sync", "shared", "shared", "shared", "shared");

            Eventually.await(Duration.ofSeconds(90), "four syncs of the same repository, one after another",
                    () -> runs("shared").stream().filter(run -> run.outcome() != Outcome.RUNNING).count() >= 4);
            assertThat(runs("shared")).extracting(JobRun::outcome).containsOnly(Outcome.SUCCEEDED);
            assertThat(one.log() + other.log()).contains("busy with another job");
        }
    }
}
