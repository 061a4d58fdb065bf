package dev.parceler.snapshot;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.sync.JobRun.Kind;
import dev.parceler.sync.JobRun.Outcome;
import dev.parceler.sync.JobRun;
import dev.parceler.testing.Background;
import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.Eventually;
import dev.parceler.testing.OpkgFeed;
import dev.parceler.testing.RunningService;
import dev.parceler.testing.SnapshotSeconds;
import dev.parceler.testing.Trees;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A way back through a real worker and a real server: cleanup keeps the last served snapshots, repo:rollback serves one. */
class RollbackIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String MACHINE = basic("machine-1", "good-secret");

    @TempDir
    Path home;
    private RunningService service;
    private OpkgFeed upstream;

    @BeforeEach
    void start() {
        // No switch grace: this test follows which snapshots cleanup keeps by REPOSITORY_KEEP_SERVED alone.
        service = RunningService.start(home, Map.of("APP_TIMEZONE", "UTC", "SWITCH_GRACE", "0"));
        service.subscriptions().community("good-secret", "2027-01-01T00:00:00Z");
        upstream = new OpkgFeed(home.resolve("upstream"));
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private List<JobRun> runs() {
        return service.parceler().installation().jobs().runs().recent("base", 50);
    }

    private JobRun sync(int number) {
        service.parceler().run("repo:sync", "base");
        Eventually.await(PATIENCE, "sync " + number, () -> runs().stream().filter(run -> run.outcome() == Outcome.SUCCEEDED).count() == number);
        return runs().get(0);
    }

    private String served() {
        // The worker is another process on the real clock; the server here follows it.
        service.parceler().clock().set(java.time.Instant.now());
        return service.http().get("/repository/community/base/Packages", "Authorization: " + MACHINE).text();
    }

    @Test
    void theLastServedSnapshotsAreKeptAndARollbackServesOneAtOnce() throws Exception {
        try (Background worker = Background.start(home, Map.of("APP_TIMEZONE", "UTC", "SWITCH_GRACE", "0"), "worker", "worker")) {
            // Delay 0: each new snapshot is served at once, and every older one is past the delay.
            service.parceler().run("repo:create", "--name", "base", "--command",
                    "cp -a " + upstream.folder() + "/. \"$PARCELER_SOURCE_DIR\"/", "--source-folder", "", "--delay", "0", "--no-sync");
            upstream.put("luci", "1", "luci 1").publish();
            String first = sync(1).snapshot().orElseThrow();
            upstream.put("luci", "2", "luci 2").publish();
            SnapshotSeconds.awaitAfter(first);
            String good = sync(2).snapshot().orElseThrow();
            String goodIndex = upstream.index();
            upstream.put("luci", "3", "luci 3, broken").publish();
            SnapshotSeconds.awaitAfter(good);
            String bad = sync(3).snapshot().orElseThrow();
            assertThat(served()).isEqualTo(upstream.index());
            assertThat(Trees.names(service.parceler().storageRoot().resolve("snapshots/base")))
                    .as("the two last served are kept, the first is deleted").containsExactly(good, bad).doesNotContain(first);

            ConsoleResult rollback = service.parceler().run("repo:rollback", "base", "--reason", "luci 3 breaks the UI");
            assertThat(rollback.outLines()).as(rollback.toString()).containsExactly("Repository 'base' rolled back to '" + good
                    + "' (frozen on it; 'repo:unfreeze base' ends the rollback).");
            Eventually.await(Duration.ofSeconds(10), "the server serves the earlier snapshot", () -> served().equals(goodIndex));
            assertThat(service.parceler().run("repo:list").out()).contains("| Yes (rollback) |");
            assertThat(service.parceler().run("repo:list", "--json").out()).contains("\"rollback\" : true", "\"freeze\" : \"" + good + "\"");
            String who = System.getenv().getOrDefault("USER", System.getenv().getOrDefault("LOGNAME", "unknown"));
            assertThat(service.parceler().run("repo:runs", "base").out())
                    .contains("rollback", "rolled back from " + bad + " to " + good + " by " + who + ": luci 3 breaks the UI");

            // A sync meanwhile keeps the way forward and the way back.
            upstream.put("luci", "4", "luci 4").publish();
            SnapshotSeconds.awaitAfter(bad);
            String fixed = sync(4).snapshot().orElseThrow();
            assertThat(Trees.names(service.parceler().storageRoot().resolve("snapshots/base"))).contains(good, bad, fixed);
            assertThat(served()).isEqualTo(goodIndex);

            assertThat(service.parceler().run("repo:unfreeze", "base").exitCode()).isZero();
            Eventually.await(Duration.ofSeconds(10), "the newest snapshot served again", () -> served().equals(upstream.index()));
            assertThat(service.parceler().run("repo:list", "--json").out()).contains("\"rollback\" : false");
            assertThat(runs()).filteredOn(run -> run.kind() == Kind.ROLLBACK).extracting(run -> run.message().orElse(""))
                    .anyMatch(message -> message.startsWith("rollback to " + good + " ended by "));
        }
    }
}
