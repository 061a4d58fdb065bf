package dev.parceler.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.sync.JobRun.Outcome;
import dev.parceler.sync.JobRun;
import dev.parceler.testing.Background;
import dev.parceler.testing.Eventually;
import dev.parceler.testing.Figures;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the worker that runs a job, three times in a row, with another worker
 * running beside it as in production: the job runs again from the start each time, within
 * seconds, never alongside what the dead worker's command left, and its runs say what happened.
 */
class WorkerCrashIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** The README's promise: a job cut short by a dead worker starts again within about 5-10 s. */
    private static final Duration RERUN_WITHIN = Duration.ofSeconds(12);

    @TempDir
    Path home;
    private TestInstallation parceler;
    private final List<Background> workers = new ArrayList<>();
    private final Map<String, String> environment = Map.of("APP_TIMEZONE", "UTC", "SYNC_TIMEOUT", "120");

    @BeforeEach
    void start() {
        parceler = TestInstallation.in(home);
        parceler.env("APP_TIMEZONE", "UTC");
    }

    @AfterEach
    void stop() {
        Background.closeAll(workers);
        parceler.close();
    }

    private List<JobRun> runs() {
        return parceler.installation().jobs().runs().recent("crashy", 50);
    }

    private long leaseHolderPid() throws Exception {
        try (Connection connection = parceler.installation().database().dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT worker_pid FROM repository_leases WHERE repository = 'crashy'")) {
            return row.next() ? row.getLong(1) : -1;
        }
    }

    private static boolean running(long pid) {
        try {
            Path stat = Path.of("/proc", String.valueOf(pid), "stat");
            return Files.exists(stat) && !Files.readString(stat).contains(") Z ");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private Background worker(int number) {
        Background worker = Background.start(home, environment, "worker-" + number, "worker");
        workers.add(worker);
        return worker;
    }

    @Test
    void aJobWhoseWorkerIsKilledThreeTimesRunsAgainEachTimeAndNeverOverlapsWhatItsCommandLeft() throws Exception {
        Path work = Files.createDirectories(home.resolve("work"));
        Trees.write(home.resolve("upstream/Packages"), "index");
        // Attempts 1-3 start a child that outlives the shell and wait on it; attempt 4 finishes.
        // Each attempt first notes any earlier attempt's child still running: an overlap.
        String command = "cd " + work + "; n=$(( $(cat attempts 2>/dev/null || echo 0) + 1 )); echo $n > attempts; "
                + "for f in leftover-*; do [ -f \"$f\" ] || continue; p=$(cat \"$f\"); "
                + "if [ -r /proc/$p/stat ] && ! grep -q ') Z ' /proc/$p/stat; then echo \"attempt $n overlaps $f\" >> overlaps; fi; done; "
                + "if [ $n -le 3 ]; then sleep 600 & echo $! > leftover-$n; echo \"attempt $n running\"; wait; fi; "
                + "cp -a " + home.resolve("upstream") + "/. \"$PARCELER_SOURCE_DIR\"/";
        assertThat(parceler.run("repo:create", "--name", "crashy", "--command", command, "--source-folder", "", "--delay", "7",
                "--no-sync").exitCode()).isZero();
        int started = 0;
        worker(++started);
        worker(++started);
        parceler.run("repo:sync", "crashy");

        List<Long> rerunMillis = new ArrayList<>();
        long leftoversAliveAtRerun = 0;
        for (int attempt = 1; attempt <= 3; attempt++) {
            Path leftover = work.resolve("leftover-" + attempt);
            Eventually.await(PATIENCE, "attempt " + attempt + " running its command", () -> Files.exists(leftover)
                    && runs().stream().filter(run -> run.outcome() == Outcome.RUNNING).count() == 1);
            long holder = leaseHolderPid();
            Background victim = workers.stream().filter(worker -> worker.pid() == holder).findFirst().orElseThrow(
                    () -> new AssertionError("no worker of this test holds the lease (pid " + holder + ")"));
            long child = Long.parseLong(Files.readString(leftover).trim());
            int runsBefore = runs().size();
            long killedAt = System.nanoTime();
            victim.kill();
            worker(++started); // the supervisor's replacement
            Eventually.await(PATIENCE, "the job running again after kill " + attempt, () -> runs().size() > runsBefore);
            rerunMillis.add(Duration.ofNanos(System.nanoTime() - killedAt).toMillis());
            if (running(child)) {
                leftoversAliveAtRerun++;
            }
        }
        Eventually.await(PATIENCE, "the fourth attempt succeeding", () -> runs().stream().anyMatch(run -> run.outcome() == Outcome.SUCCEEDED));

        List<JobRun> runs = runs();
        long overlaps = Files.exists(work.resolve("overlaps")) ? Files.readAllLines(work.resolve("overlaps")).size() : 0;
        long partials = Trees.names(parceler.storageRoot().resolve("snapshots/crashy")).stream().filter(name -> name.startsWith(".")).count();
        new Figures("kill -9 of one job's worker, three times")
                .put("kills", 3)
                .put("reruns", runs.size() - 1)
                .put("rerun after kill (ms)", rerunMillis)
                .put("leftovers alive at rerun", leftoversAliveAtRerun)
                .put("overlapping attempts", overlaps)
                .put("hidden folders left", partials)
                .put("runs", runs.stream().map(run -> run.outcome().label()).toList())
                .print();

        assertThat(runs).extracting(JobRun::outcome)
                .containsExactly(Outcome.SUCCEEDED, Outcome.INTERRUPTED, Outcome.INTERRUPTED, Outcome.INTERRUPTED);
        assertThat(runs.subList(1, 4)).allSatisfy(run -> assertThat(run.message()).hasValueSatisfying(
                message -> assertThat(message).contains("worker").contains("died")));
        assertThat(Files.readString(work.resolve("attempts")).trim()).isEqualTo("4");
        assertThat(overlaps).as("no attempt ran beside what an earlier one left").isZero();
        assertThat(leftoversAliveAtRerun).isZero();
        assertThat(partials).isZero();
        assertThat(rerunMillis).allSatisfy(millis -> assertThat(millis).isLessThan(RERUN_WITHIN.toMillis()));
        assertThat(parceler.run("repo:snapshots", "crashy").out()).contains("| Yes");
    }
}
