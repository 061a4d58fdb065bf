package dev.parceler.storage;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.repository.NewRepository;
import dev.parceler.testing.HttpProbe.Answer;
import dev.parceler.testing.RcloneUpstream;
import dev.parceler.testing.RunningService;
import dev.parceler.testing.Trees;
import dev.parceler.worker.TestWorker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every disk must do, end to end: a real rclone sync from a real upstream into the disk, the
 * snapshot, downloads over real HTTP (following the s3 disk's redirect with a plain client, as
 * opkg's wget does), cleanup, a milestone, a freeze to a folder made by hand, and an interrupted
 * snapshot never served. Each disk runs the same scenarios through a subclass.
 */
abstract class DiskScenarios {
    static final String MACHINE = basic("machine-1", "good-secret");
    /** Another machine: its own secret, as every community machine has (the community realm knows a machine by it). */
    static final String OTHER_MACHINE = basic("machine-2", "other-secret");
    // The test clock starts at 2026-11-21T12:00:00Z; base has a delay of 1 day.
    static final String FIRST = "2026-11-21T12:00:00+00:00";
    static final String INTERRUPTED = "2026-11-22T12:30:00+00:00";
    static final String SECOND = "2026-11-22T13:00:00+00:00";
    static final String MILESTONE = "2026-11-22T13:17:00+00:00";

    @TempDir
    Path home;
    private RcloneUpstream upstream;
    private RunningService service;
    private Path feed;

    /** The settings that select this disk. */
    abstract Map<String, String> diskSettings();

    /** Writes a file on the disk as an operator's tool would. */
    abstract void place(String diskPath, String content);

    /** Leaves what a snapshot job cut short at {@code timestamp} leaves on this disk, with one file written. */
    abstract void leaveInterruptedSnapshot(String repositoryFolder, String timestamp, String file, String content);

    /** Every file stored under a disk folder, whatever its state, as disk paths. */
    abstract List<String> stored(String folder);

    /** The status of an authorized download before any redirect is followed. */
    abstract int downloadStatus();

    @BeforeEach
    void start() {
        feed = home.resolve("upstream/feed");
        // Distinct modification times: rclone's quick check takes a file of the same size and time as unchanged.
        Trees.write(feed.resolve("Packages"), "index v1", "2026-11-01T00:00:00Z");
        Trees.write(feed.resolve("a.ipk"), "package a", "2026-11-01T00:00:00Z");
        upstream = RcloneUpstream.serve(home.resolve("upstream"), home.resolve("rclone"));
        Map<String, String> settings = new HashMap<>(diskSettings());
        settings.put("RCLONE_CONFIG", upstream.config().toString());
        service = RunningService.start(home.resolve("parceler"), settings);
        service.subscriptions().community("good-secret", "2027-01-01T00:00:00Z").community("other-secret", "2027-01-01T00:00:00Z");
        service.parceler().installation().repositoryComponents().repositories().create(new NewRepository("base",
                "rclone sync " + upstream.remote("feed") + " \"$PARCELER_SOURCE_REMOTE\"", Optional.empty(), 1));
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void syncSnapshotDownloadCleanupAndMilestone() throws Exception {
        var worker = TestWorker.on(service.parceler());
        worker.sync("base", UUID.randomUUID());

        assertThat(download("Packages")).isEqualTo("index v1");
        assertThat(download("a.ipk")).isEqualTo("package a");
        assertThat(service.http().get(path("missing.ipk"), "Authorization: " + MACHINE).status()).isEqualTo(404);
        assertThat(service.http().get(path(".parceler-manifest.json.gz"), "Authorization: " + MACHINE).status()).isEqualTo(404);
        assertThat(service.parceler().run("repo:files", "base").outLines())
                .containsExactly("snapshots/base/" + FIRST + "/Packages", "snapshots/base/" + FIRST + "/a.ipk");

        // A day later, a snapshot job was cut short: the delay would pick it, but it is not whole.
        leaveInterruptedSnapshot("snapshots/base", INTERRUPTED, "Packages", "half written");
        service.parceler().clock().advance(Duration.ofHours(25));
        assertThat(download("Packages")).isEqualTo("index v1");
        assertThat(service.parceler().run("repo:snapshots", "base").out()).contains(FIRST).doesNotContain(INTERRUPTED);

        // The next sync replaces the interrupted one and is served at once; cleanup keeps the first, which was served
        // (REPOSITORY_KEEP_SERVED), as the way back.
        Trees.write(feed.resolve("Packages"), "index v2", "2026-11-02T00:00:00Z");
        Files.delete(feed.resolve("a.ipk"));
        Trees.write(feed.resolve("b.ipk"), "package b", "2026-11-02T00:00:00Z");
        worker.sync("base", UUID.randomUUID());
        service.parceler().clock().advance(Duration.ofSeconds(3));

        assertThat(download("Packages")).isEqualTo("index v2");
        assertThat(download("b.ipk")).isEqualTo("package b");
        // For SWITCH_GRACE, a file the new snapshot lacks still comes from the one served before (a machine in the
        // middle of an update asks for what the old index listed); after it, it is gone.
        assertThat(download("a.ipk")).isEqualTo("package a");
        service.parceler().clock().advance(Duration.ofMinutes(16));
        assertThat(service.http().get(path("a.ipk"), "Authorization: " + MACHINE).status()).isEqualTo(404);
        assertThat(stored("snapshots/base")).filteredOn(file -> !file.contains("/.parceler-"))
                .containsExactlyInAnyOrder("snapshots/base/" + FIRST + "/Packages", "snapshots/base/" + FIRST + "/a.ipk",
                        "snapshots/base/" + SECOND + "/Packages", "snapshots/base/" + SECOND + "/b.ipk");

        // A milestone: synced, snapshot made and served at once. machine-1 fetched the index of the second
        // snapshot just before it: for SWITCH_GRACE, its other files of that feed come from the second snapshot,
        // which no deletion touches meanwhile; a machine that fetches the index now gets the milestone's.
        assertThat(download("Packages")).isEqualTo("index v2");
        Trees.write(feed.resolve("Packages"), "index v3", "2026-11-03T00:00:00Z");
        Trees.write(feed.resolve("b.ipk"), "package b v3", "2026-11-03T00:00:00Z");
        service.parceler().clock().advance(Duration.ofSeconds(57));
        worker.release("base", UUID.randomUUID());
        service.parceler().clock().advance(Duration.ofSeconds(3));

        // Every app process notices the release within a second (SharedState).
        dev.parceler.testing.Eventually.await(Duration.ofSeconds(10), "the release is served",
                () -> served("Packages", OTHER_MACHINE).equals("index v3"));
        assertThat(download("b.ipk")).isEqualTo("package b");
        assertThat(download("b.ipk", OTHER_MACHINE)).isEqualTo("package b v3");
        assertThat(download("Packages")).isEqualTo("index v3");
        assertThat(download("b.ipk")).isEqualTo("package b v3");
        assertThat(service.parceler().run("repo:snapshots", "base").out()).contains(MILESTONE).contains(SECOND);
        assertThat(stored("snapshots/base")).anyMatch(file -> file.startsWith("snapshots/base/" + SECOND + "/"));

        // Past the grace, the next cleanup deletes what nothing holds: the first snapshot. The second stays as
        // the way back (REPOSITORY_KEEP_SERVED), but the delay never serves it again.
        service.parceler().clock().advance(Duration.ofMinutes(16));
        worker.sync("base", UUID.randomUUID());
        service.parceler().clock().advance(Duration.ofSeconds(3));

        assertThat(download("Packages", OTHER_MACHINE)).isEqualTo("index v3");
        assertThat(stored("snapshots/base")).noneMatch(file -> file.startsWith("snapshots/base/" + FIRST + "/"))
                .anyMatch(file -> file.startsWith("snapshots/base/" + SECOND + "/"));
    }

    @Test
    void aRepositoryFrozenToAFolderMadeByHandServesIt() throws Exception {
        TestWorker.on(service.parceler()).sync("base", UUID.randomUUID());
        place("snapshots/base/golden/Packages", "golden index");
        place("snapshots/base/golden/sub/c.ipk", "package c");

        assertThat(service.parceler().run("repo:freeze", "base", "golden").exitCode()).isZero();

        assertThat(download("Packages")).isEqualTo("golden index");
        assertThat(download("sub/c.ipk")).isEqualTo("package c");
        assertThat(download("a.ipk")).as("from the snapshot served before, within SWITCH_GRACE").isEqualTo("package a");
        service.parceler().clock().advance(Duration.ofMinutes(16));
        assertThat(service.http().get(path("a.ipk"), "Authorization: " + MACHINE).status()).isEqualTo(404);
        assertThat(service.parceler().run("repo:files", "base").outLines())
                .containsExactly("snapshots/base/golden/Packages", "snapshots/base/golden/sub/c.ipk");
        assertThat(service.parceler().run("repo:files", "base", "source").outLines())
                .containsExactly("source/base/Packages", "source/base/a.ipk");
        assertThat(service.parceler().run("repo:snapshots", "base").outLines())
                .anySatisfy(line -> assertThat(line).contains("golden").contains("Yes"))
                .anySatisfy(line -> assertThat(line).contains(FIRST).contains("No"));
    }

    RunningService service() {
        return service;
    }

    static String path(String file) {
        return "/repository/community/base/" + file;
    }

    /** The file's bytes as an authorized machine gets them, following a redirect without the credentials. */
    String download(String file) throws IOException, InterruptedException {
        return download(file, MACHINE);
    }

    /** {@link #download(String, String)} for a condition to await. */
    private String served(String file, String machine) {
        try {
            return download(file, machine);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The same, as the machine of these Basic credentials. */
    String download(String file, String machine) throws IOException, InterruptedException {
        Answer answer = service.http().get(path(file), "Authorization: " + machine);
        assertThat(answer.status()).as("status of " + file).isEqualTo(downloadStatus());
        if (answer.status() != 302) {
            return answer.text();
        }
        String location = answer.header("Location");
        assertThat(location).startsWith("http://127.0.0.1:").doesNotContain("good-secret");
        HttpClient plain = HttpClient.newHttpClient();
        HttpResponse<String> followed = plain.send(HttpRequest.newBuilder(URI.create(location)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(followed.statusCode()).as("status of " + location).isEqualTo(200);
        return followed.body();
    }
}
