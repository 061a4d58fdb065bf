package dev.parceler.multihost;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.database.SharedState;
import dev.parceler.repository.NewRepository;
import dev.parceler.sync.JobRun;
import dev.parceler.testing.Background;
import dev.parceler.testing.Eventually;
import dev.parceler.testing.Figures;
import dev.parceler.testing.HttpProbe;
import dev.parceler.testing.MachineLoad;
import dev.parceler.testing.MovableClock;
import dev.parceler.testing.NginxServer;
import dev.parceler.testing.PostgresDatabases;
import dev.parceler.testing.RcloneUpstream;
import dev.parceler.testing.S3Server;
import dev.parceler.testing.SubscriptionStandIn;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.Trees;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hosts as an operator would run them, from the built jar: on each a {@code serve} and a
 * {@code worker} process with their own folders (working directory, {@code STORAGE_ROOT} where sync
 * commands run, temporary files), all on one PostgreSQL database, one S3 bucket and one rclone
 * upstream, with a subscription service that counts its calls. Repositories are synced by both
 * workers, never two runs of one at once; both app processes serve them; a release through one
 * reaches the other within {@link SharedState#NOTICED_WITHIN}; and a burst of first requests of one
 * machine spread over both app processes makes one call to the subscription service.
 */
class MultiHostIT {
    private static final int REPOSITORIES = 6;
    private static final String RELEASE_TOKEN = "release-token-of-multihost";
    private static final String SECRET = "secret-of-m1";
    private static final String BURST_SECRET = "secret-of-burst-machine";
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Pattern DONE = Pattern.compile("\\[(r\\d+)] (sync|release) done");

    @TempDir
    Path home;

    @RegisterExtension
    final PostgresDatabases postgres = new PostgresDatabases();

    private final List<Background> processes = new ArrayList<>();
    private final Figures figures = new Figures("multi-host");
    private final HttpClient bucketClient = HttpClient.newHttpClient();
    private ExecutorService requests;
    private RcloneUpstream upstream;
    private S3Server s3;
    private SubscriptionStandIn subscriptions;
    private TestInstallation console;
    private Background workerA;
    private Background workerB;
    private HttpProbe serveA;
    private HttpProbe serveB;
    /** The release must reach both app processes within 1 s: not beside a container stack (see MachineLoad). */
    private MachineLoad machine;

    @BeforeEach
    void start() {
        machine = MachineLoad.timed();
        for (int i = 1; i <= REPOSITORIES; i++) {
            // Distinct modification times: rclone's quick check takes a file of the same size and time as unchanged.
            Trees.write(home.resolve("upstream/feed-" + i + "/Packages"), "index " + i, "2026-11-01T00:00:00Z");
            Trees.write(home.resolve("upstream/feed-" + i + "/p" + i + ".ipk"), "package " + i, "2026-11-01T00:00:00Z");
        }
        upstream = RcloneUpstream.serve(home.resolve("upstream"), home.resolve("rclone"));
        s3 = S3Server.start();
        subscriptions = new SubscriptionStandIn().community(SECRET, "2099-01-01T00:00:00Z")
                .community(BURST_SECRET, "2099-01-01T00:00:00Z");
        requests = Executors.newFixedThreadPool(16);

        Map<String, String> shared = new HashMap<>(postgres.environment());
        shared.putAll(s3.environment());
        shared.putAll(subscriptions.environment());
        shared.putAll(Map.of("APP_TIMEZONE", "UTC", "HTTP_HOST", "127.0.0.1", "RCLONE_CONFIG", upstream.config().toString(),
                "REPOSITORY_RELEASE_TOKEN", RELEASE_TOKEN, "APP_KEY", "base64:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="));

        console = new TestInstallation(home.resolve("console"), MovableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
        shared.forEach(console::env);
        for (int i = 1; i <= REPOSITORIES; i++) {
            // The pause makes a sync last long enough for both workers to take jobs from the queue.
            console.installation().repositoryComponents().repositories().create(new NewRepository("r" + i,
                    "sleep 2; rclone sync " + upstream.remote("feed-" + i) + " \"$PARCELER_SOURCE_REMOTE\"", Optional.empty(), 7));
        }

        serveA = new HttpProbe(startHost("a", shared));
        serveB = new HttpProbe(startHost("b", shared));
        workerA = processes.get(1);
        workerB = processes.get(3);
        for (Background worker : List.of(workerA, workerB)) {
            Eventually.await(Duration.ofSeconds(60), "the worker started", () -> worker.log().contains("Worker started"));
        }
    }

    /** One host: its own folders, its serve and worker processes; returns the serve port. */
    private int startHost(String name, Map<String, String> shared) {
        Path host = home.resolve("host-" + name);
        int port = NginxServer.freePort();
        Map<String, String> environment = new HashMap<>(shared);
        environment.put("STORAGE_ROOT", folder(host.resolve("storage")).toString());
        environment.put("TMPDIR", folder(host.resolve("tmp")).toString());
        environment.put("HTTP_PORT", Integer.toString(port));
        processes.add(Background.start(host, environment, "serve-" + name, "serve"));
        processes.add(Background.start(host, environment, "worker-" + name, "worker", "--threads", "2"));
        Eventually.await(Duration.ofSeconds(60), "serve-" + name + " answers", () -> HttpProbe.up(port));
        return port;
    }

    private static Path folder(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        figures.print();
        Background.closeAll(processes);
        requests.shutdownNow();
        for (AutoCloseable closeable : new AutoCloseable[] {console, subscriptions, s3, upstream, machine}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void twoHostsShareTheWorkTheDownloadsTheReleaseAndOneSubscriptionCall() throws Exception {
        // Two syncs of every repository, queued side by side (r1 r2 r1 r2 r3 r4 ...): a worker takes two jobs per
        // poll, so one worker's syncs of r1 and r2 meet the other's; the later of a pair waits its turn.
        List<String> names = new ArrayList<>();
        List<String> queued = new ArrayList<>();
        for (int i = 1; i <= REPOSITORIES; i += 2) {
            List<String> pair = List.of("r" + i, "r" + (i + 1));
            names.addAll(pair);
            queued.addAll(pair);
            queued.addAll(pair);
        }
        assertThat(console.run(concat("repo:sync", queued)).exitCode()).isZero();
        for (String name : names) {
            Eventually.await(PATIENCE, "two syncs of " + name + " ran", () -> finished(name, JobRun.Kind.SYNC) >= 2);
        }
        Map<String, Long> doneBy = Map.of("worker-a", jobsDone(workerA), "worker-b", jobsDone(workerB));
        figures.put("jobs done by worker-a", doneBy.get("worker-a")).put("jobs done by worker-b", doneBy.get("worker-b"));
        assertThat(doneBy.values()).as("both hosts' workers ran jobs: " + doneBy).allMatch(count -> count > 0);

        // Every repository through both app processes (the s3 disk answers with a presigned redirect).
        String machine = "Authorization: " + basic("m1", SECRET);
        for (int i = 1; i <= REPOSITORIES; i++) {
            for (HttpProbe serve : List.of(serveA, serveB)) {
                assertThat(download(serve, "/repository/community/r" + i + "/Packages", machine)).isEqualTo("index " + i);
                assertThat(download(serve, "/repository/community/r" + i + "/p" + i + ".ipk", machine)).isEqualTo("package " + i);
            }
        }
        figures.put("subscription calls for m1", calls(SECRET));
        assertThat(calls(SECRET)).as("the answer one app process got serves the other").isEqualTo(1);

        // A release through serve-a's route; both app processes serve it within the bound.
        Trees.write(home.resolve("upstream/feed-1/Packages"), "index 1 released", "2026-11-02T00:00:00Z");
        HttpProbe.Answer dispatched = serveA.post("/repository/r1/release", "Authorization: Bearer " + RELEASE_TOKEN);
        assertThat(dispatched.status()).as(dispatched.text()).isEqualTo(200);
        long releasedAt = releaseRecorded("r1");
        long[] shownAt = new long[2];
        List<HttpProbe> serves = List.of(serveA, serveB);
        long deadline = releasedAt + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && (shownAt[0] == 0 || shownAt[1] == 0)) {
            for (int i = 0; i < 2; i++) {
                long sentAt = System.nanoTime();
                if (shownAt[i] == 0 && download(serves.get(i), "/repository/community/r1/Packages", machine).equals("index 1 released")) {
                    shownAt[i] = sentAt;
                }
            }
            Thread.sleep(10);
        }
        figures.put("release seen by serve-a (ms)", shownAt[0] == 0 ? "never" : Duration.ofNanos(shownAt[0] - releasedAt).toMillis());
        figures.put("release seen by serve-b (ms)", shownAt[1] == 0 ? "never" : Duration.ofNanos(shownAt[1] - releasedAt).toMillis());
        assertThat(shownAt).as("both app processes serve the release").doesNotContain(0L);
        for (long at : shownAt) {
            assertThat(Duration.ofNanos(at - releasedAt)).as(figures.block()).isLessThanOrEqualTo(SharedState.NOTICED_WITHIN);
        }

        // A burst of first requests of one machine, half on each app process, while the service takes its time.
        subscriptions.delay(500);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpProbe.Answer>> burst = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            HttpProbe serve = i % 2 == 0 ? serveA : serveB;
            burst.add(requests.submit(() -> {
                go.await();
                return serve.get("/repository/community/r2/Packages", "Authorization: " + basic("burst-machine", BURST_SECRET));
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<HttpProbe.Answer> answer : burst) {
            statuses.add(answer.get(30, TimeUnit.SECONDS).status());
        }
        figures.put("burst requests", statuses.size()).put("burst answers", statuses)
                .put("subscription calls for the burst", calls(BURST_SECRET));
        assertThat(statuses).as("every request of the burst is authorized").allMatch(status -> status == 302);
        assertThat(calls(BURST_SECRET)).as("one upstream call for the burst over both app processes").isEqualTo(1);

        // Never two runs of one repository at once, whichever hosts ran them.
        List<String> overlaps = new ArrayList<>();
        for (String name : names) {
            List<JobRun> runs = console.installation().jobs().runs().recent(name, 50).stream()
                    .sorted(Comparator.comparing(JobRun::startedAt)).toList();
            for (int i = 1; i < runs.size(); i++) {
                Instant previousEnd = runs.get(i - 1).finishedAt().orElse(Instant.MAX);
                if (runs.get(i).startedAt().isBefore(previousEnd)) {
                    overlaps.add(name + ": " + runs.get(i - 1).startedAt() + ".." + previousEnd + " and " + runs.get(i).startedAt());
                }
            }
        }
        figures.put("jobs that found their repository busy", (long) (workerA.log().split("busy with another job", -1).length - 1)
                + (workerB.log().split("busy with another job", -1).length - 1));
        figures.put("double runs", overlaps.size());
        assertThat(overlaps).as("runs of one repository that overlapped").isEmpty();
        assertThat(processes).allMatch(Background::alive);
        assertThat(processes).extracting(Background::log).noneMatch(log -> log.contains(SECRET) || log.contains(BURST_SECRET));
    }

    /**
     * When the worker recorded the release as served, as closely as the database shows it (looked
     * at every 10 ms): the moment the change was made, from which both app processes are timed.
     */
    private long releaseRecorded(String name) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (console.installation().repositoryComponents().repositories().find(name).flatMap(repository -> repository.released()).isPresent()) {
                return System.nanoTime();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the release of " + name + " was not recorded within " + PATIENCE.toSeconds() + " s");
    }

    private long finished(String name, JobRun.Kind kind) {
        return console.installation().jobs().runs().recent(name, 50).stream()
                .filter(run -> run.kind() == kind && run.outcome() == JobRun.Outcome.SUCCEEDED).count();
    }

    /** Syncs and releases a worker's log says it finished. */
    private static long jobsDone(Background worker) {
        Matcher done = DONE.matcher(worker.log());
        long count = 0;
        while (done.find()) {
            count++;
        }
        return count;
    }

    private long calls(String secret) {
        return subscriptions.calls().stream().filter(call -> call.equals("community " + secret)).count();
    }

    /** A file as a machine gets it: the app's presigned redirect followed to the bucket. */
    private String download(HttpProbe serve, String path, String... headers) throws Exception {
        HttpProbe.Answer answer = serve.get(path, headers);
        assertThat(answer.status()).as(path + ": " + answer.text()).isEqualTo(302);
        HttpResponse<String> file = bucketClient.send(HttpRequest.newBuilder(URI.create(answer.header("Location"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(file.statusCode()).as(path + " from the bucket").isEqualTo(200);
        return file.body();
    }

    private static String[] concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all.toArray(String[]::new);
    }
}
