package dev.parceler.stack;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.sync.JobRun.Kind;
import dev.parceler.sync.JobRun.Outcome;
import dev.parceler.sync.JobRun;
import dev.parceler.testing.Background;
import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.Eventually;
import dev.parceler.testing.HttpProbe.Answer;
import dev.parceler.testing.HttpProbe;
import dev.parceler.testing.NginxServer;
import dev.parceler.testing.ParcelerProcess;
import dev.parceler.testing.RcloneUpstream;
import dev.parceler.testing.SnapshotSeconds;
import dev.parceler.testing.SubscriptionStandIn;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployed stack without containers: {@code serve}, {@code worker} and {@code scheduler} as
 * three processes of the built jar on one SQLite file and one disk, the project's nginx
 * configuration in front of them, a real rclone upstream and a stand-in subscription service.
 */
class StackIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path home;

    @Test
    void syncDownloadReleaseMaintenanceThroughNginx() throws Exception {
        Path feed = home.resolve("upstream/feed");
        Trees.write(feed.resolve("Packages"), "Package: base-files\nVersion: 1\n");
        Trees.write(feed.resolve("Packages.sig"), "signature 1");
        byte[] ipk = new byte[300_000];
        for (int i = 0; i < ipk.length; i++) {
            ipk[i] = (byte) (i % 251);
        }
        Files.write(feed.resolve("base-files_1.ipk"), ipk);
        int appPort = NginxServer.freePort();

        try (SubscriptionStandIn subscriptions = new SubscriptionStandIn();
                RcloneUpstream upstream = RcloneUpstream.serve(home.resolve("upstream"), home.resolve("rclone"))) {
            subscriptions.community("machine-secret", "2099-01-01T00:00:00Z");
            Map<String, String> environment = new HashMap<>(subscriptions.environment());
            environment.putAll(Map.of("APP_TIMEZONE", "UTC", "HTTP_HOST", "127.0.0.1", "HTTP_PORT", Integer.toString(appPort),
                    "APP_KEY", "base64:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "REPOSITORY_RELEASE_TOKEN", "stack-token",
                    "DOWNLOAD_X_ACCEL_PREFIX", "/internal", "RCLONE_CONFIG", upstream.config().toString()));
            ConsoleResult created = ParcelerProcess.run(home, environment, "repo:create", "--name", "stack",
                    "--command", "rclone sync " + upstream.remote("feed") + " \"$PARCELER_SOURCE_DIR/feed\"",
                    "--source-folder", "feed", "--delay", "3", "--no-sync");
            assertThat(created.exitCode()).as(created.toString()).isZero();

            try (Background serve = Background.start(home, environment, "serve", "serve");
                    Background worker = Background.start(home, environment, "worker", "worker");
                    Background scheduler = Background.start(home, environment, "scheduler", "scheduler");
                    TestInstallation parceler = TestInstallation.in(home)) {
                parceler.env("APP_TIMEZONE", "UTC");
                HttpProbe direct = new HttpProbe(appPort);
                Eventually.await(PATIENCE, "serve answers /up", () -> HttpProbe.up(appPort));
                try (NginxServer nginx = NginxServer.start(home.resolve("nginx"), appPort, parceler.storageRoot())) {
                    HttpProbe http = new HttpProbe(nginx.port());
                    String machine = "Authorization: " + basic("machine-1", "machine-secret");

                    // Sync with rclone, through the worker.
                    assertThat(ParcelerProcess.run(home, environment, "repo:sync", "stack").out())
                            .isEqualTo("Dispatching sync for 'stack'.\n");
                    JobRun sync = awaitRun(parceler, run -> run.kind() == Kind.SYNC && run.outcome() != Outcome.RUNNING);
                    assertThat(sync.outcome()).as(worker.log()).isEqualTo(Outcome.SUCCEEDED);

                    // Download through nginx: challenge, then the file as upstream has it, sent by nginx.
                    assertThat(http.get("/repository/community/stack/Packages").status()).isEqualTo(401);
                    Answer index = http.get("/repository/community/stack/Packages", machine);
                    assertThat(index.status()).as(nginx.errorLog()).isEqualTo(200);
                    assertThat(index.text()).isEqualTo("Package: base-files\nVersion: 1\n");
                    Answer package1 = http.get("/repository/community/stack/base-files_1.ipk", machine);
                    assertThat(package1.body()).isEqualTo(ipk);
                    assertThat(package1.header("ETag")).isNotNull();
                    Answer range = http.get("/repository/community/stack/base-files_1.ipk", machine, "Range: bytes=100-199");
                    assertThat(range.status()).isEqualTo(206);
                    assertThat(range.body()).isEqualTo(java.util.Arrays.copyOfRange(ipk, 100, 200));
                    assertThat(http.get("/repository/community/stack/none", machine).status()).isEqualTo(404);
                    assertThat(http.get("/internal/snapshots/stack/" + sync.snapshot().orElseThrow() + "/Packages").status())
                            .as("the internal location is not reachable from outside").isEqualTo(404);

                    // Release through nginx with the bearer token.
                    Trees.write(feed.resolve("Packages"), "Package: base-files\nVersion: 2\n");
                    // Upstream publishes the index with its signature (the feed check refuses one without the other).
                    Trees.write(feed.resolve("Packages.sig"), "signature 2");
                    SnapshotSeconds.awaitAfter(sync.snapshot().orElseThrow());
                    assertThat(http.post("/repository/stack/release", "Authorization: Bearer wrong").status()).isEqualTo(401);
                    Answer release = http.post("/repository/stack/release", "Authorization: Bearer stack-token");
                    assertThat(release.status()).isEqualTo(200);
                    assertThat(release.text()).startsWith("{\"message\":\"Release job dispatched.\"");
                    JobRun released = awaitRun(parceler, run -> run.kind() == Kind.RELEASE && run.outcome() != Outcome.RUNNING);
                    assertThat(released.outcome()).as(worker.log()).isEqualTo(Outcome.SUCCEEDED);
                    // The snapshot served until the release stays (the way back, and machines mid-update); never served again.
                    assertThat(Trees.names(parceler.storageRoot().resolve("snapshots/stack")))
                            .containsExactly(sync.snapshot().orElseThrow(), released.snapshot().orElseThrow());
                    Eventually.await(Duration.ofSeconds(10), "the new index is served", () ->
                            http.get("/repository/community/stack/Packages", machine).text().equals("Package: base-files\nVersion: 2\n"));

                    // Maintenance, seen by the running server through nginx.
                    assertThat(ParcelerProcess.run(home, environment, "down", "--retry", "30").out())
                            .isEqualTo("Application is now in maintenance mode.\n");
                    Eventually.await(Duration.ofSeconds(10), "503 in maintenance", () ->
                            http.get("/repository/community/stack/Packages", machine).status() == 503);
                    assertThat(http.get("/repository/community/stack/Packages", machine).header("Retry-After")).isEqualTo("30");
                    assertThat(http.get("/up").status()).isEqualTo(200);
                    assertThat(ParcelerProcess.run(home, environment, "up").out()).isEqualTo("Application is now live.\n");
                    Eventually.await(Duration.ofSeconds(10), "served again", () ->
                            http.get("/repository/community/stack/Packages", machine).status() == 200);

                    // The access log holds the machine, never its secret.
                    assertThat(serve.log()).contains("parceler.access", "machine-1").doesNotContain("machine-secret")
                            .doesNotContain(basic("machine-1", "machine-secret").substring(6));
                    assertThat(scheduler.log()).contains("Scheduler started");
                    assertThat(direct.get("/up").text()).as("the worker and the scheduler of this stack beat")
                            .startsWith("{\"status\":\"up\",\"worker\":{\"seen\":true,").contains("\"scheduler\":{\"seen\":true,");
                }

                for (Background process : List.of(serve, worker, scheduler)) {
                    assertThat(process.stop()).isIn(0, 143);
                }
                assertThat(Trees.names(parceler.storageRoot().resolve("snapshots/stack"))).noneMatch(name -> name.startsWith("."));
            }
        }
    }

    private static JobRun awaitRun(TestInstallation parceler, Predicate<JobRun> wanted) {
        Eventually.await(PATIENCE, "a job run", () -> parceler.installation().jobs().runs().recent("stack", 20).stream().anyMatch(wanted));
        return parceler.installation().jobs().runs().recent("stack", 20).stream().filter(wanted).findFirst().orElseThrow();
    }

}
