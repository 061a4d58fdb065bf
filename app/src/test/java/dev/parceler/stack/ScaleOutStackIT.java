package dev.parceler.stack;

import static dev.parceler.testing.ComposeProject.report;
import static dev.parceler.testing.ComposeProject.summary;
import static dev.parceler.testing.ComposeProject.world;
import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.ComposeProject;
import dev.parceler.testing.DockerEngine;
import dev.parceler.testing.Eventually;
import dev.parceler.testing.Figures;
import dev.parceler.testing.HttpProbe;
import dev.parceler.testing.HttpProbe.Answer;
import dev.parceler.testing.NginxServer;
import dev.parceler.testing.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The scale-out stack of {@code deploy/docker-compose.postgres.yml} started for real: PostgreSQL
 * (a stand-in of its image from Debian's package), an S3-compatible server in a container, two
 * app replicas behind nginx, the scheduler, and one worker on each of two hosts' worth of
 * containers (each with a volume of its own, as on two machines). The fleet's pattern runs
 * through nginx while one app replica and the worker running a sync are killed and started again:
 * every answer is 200 or 503 with {@code Retry-After}, every job ends with one successful run
 * (the killed one with one interrupted run before it), no two runs of the repository overlap, and
 * a release is served by both replicas within {@code SharedState.NOTICED_WITHIN} (1 s) of its end.
 */
class ScaleOutStackIT {
    // A JVM starting on two busy cores (the other test forks run meanwhile) took up to 150 s.
    private static final Duration PATIENCE = Duration.ofSeconds(300);
    private static final String PROJECT = "parceler-scaleout-test";
    private static final String REPOSITORY = "fleet";
    private static final String FEED = "/repository/community/" + REPOSITORY + "/";
    private static final int MACHINES = 200;
    private static final int PACKAGES = 8;
    /**
     * Four machines at a time, each starting its next visit 50 ms after its last: a fleet that keeps
     * the replicas busy on two cores but leaves the health checks (a JVM each) the time they need.
     */
    private static final int CLIENTS = 4;
    private static final Duration PACE = Duration.ofMillis(50);
    /** The load's bound: whichever comes first. */
    private static final int MOST_REQUESTS = 60_000;
    private static final Duration LONGEST_LOAD = Duration.ofMinutes(12);

    @Test
    void twoReplicasAndTwoWorkersOnPostgresAndS3KeepAnsweringWhileOneOfEachIsKilled() throws Exception {
        Path work = Files.createTempDirectory(Path.of("/tmp"), "pscale");
        try (DockerEngine engine = DockerEngine.start()) {
            long started = System.nanoTime();
            List<String> images = new ArrayList<>(engine.standInBaseImages());
            images.add(engine.standInPostgres());
            images.add(engine.s3ServerImage());
            report("images of the stand-ins ready (" + String.join(", ", images) + ")", started);

            Path project = ComposeProject.checkoutCopy(work.resolve("project"));
            Path feed = feed(world(work.resolve("feed")), "1");
            Path deploy = project.resolve("deploy");
            Files.writeString(deploy.resolve(".env"), scaleOutEnv(Files.readString(project.resolve(".env.example"))));
            Files.writeString(deploy.resolve("compose.scaleout.yml"), scaleOut(feed));
            int port = NginxServer.freePort();
            Map<String, String> environment = Map.of("PARCELER_IMAGE", "parceler-app", "PARCELER_TAG", "dev",
                    "PARCELER_NGINX_IMAGE", "parceler-nginx", "PARCELER_HTTP_PORT", String.valueOf(port));
            ComposeProject build = new ComposeProject(engine, project, PROJECT + "-build", List.of("docker-compose.yml"), Map.of());
            ComposeProject stack = new ComposeProject(engine, deploy, PROJECT,
                    List.of("docker-compose.postgres.yml", "compose.scaleout.yml"), environment);
            HttpProbe nginx = new HttpProbe(port);
            stack.around(() -> {
                long phase = System.nanoTime();
                build.run(Duration.ofMinutes(10), "build").orFail("docker compose build");
                report("images built", phase);

                phase = System.nanoTime();
                stack.run(PATIENCE.multipliedBy(3), "up", "-d", "--wait").orFail("docker compose up --wait (scale-out)");
                report("scale-out stack up, every service healthy", phase);
                String services = stack.run(Duration.ofSeconds(30), "ps", "--format", "{{.Name}} {{.Status}}").output();
                System.out.println(services);
                for (String container : List.of("app-1", "app-2", "worker-1", "worker-b-1", "scheduler-1", "nginx-1", "postgres-1", "s3-1")) {
                    assertThat(services).containsPattern("(?m)^" + PROJECT + "-" + container + " Up");
                }

                stack.exec("sh", "-c", "cat > /var/lib/parceler/credentials").input(credentials()).orFail("credentials");
                stack.exec("parceler", "repo:create", "--name", REPOSITORY, "--command",
                        "sleep 2; rclone sync \":http,url='http://upstream:8081/':\" \"$PARCELER_SOURCE_REMOTE\"",
                        "--source-folder", "", "--delay", "0", "--sync").orFail("repo:create");
                Eventually.await(PATIENCE, "the first snapshot served through nginx",
                        () -> nginx.get(FEED + "Packages", machine(0)).status() == 200);
                assertThat(nginx.get(FEED + "Packages", machine(1)).text()).contains("Version: 1");

                Fleet fleet = Fleet.start(nginx);
                try {
                    killAndRestartAWorkerInTheMiddleOfASync(engine, stack, fleet);
                    killAndRestartAnAppReplica(engine, stack, fleet);
                } finally {
                    fleet.stop();
                }
                Figures figures = new Figures("scale-out stack: fleet through nginx, a replica and a worker killed");
                fleet.report(figures);
                assertThat(fleet.answers()).as("only 200, or 503 with Retry-After").allMatch(a -> a.equals("200") || a.startsWith("503 Retry-After "));
                assertThat(fleet.answers()).as("the fleet got its files").filteredOn("200"::equals).hasSizeGreaterThan(fleet.answers().size() / 2);

                everyJobRanOnceToItsEnd(stack, figures);
                releaseSeenByBothReplicasWithinOneSecond(stack, feed, nginx, figures);
                figures.print();
            });
        } finally {
            new ProcessBuilder("rm", "-rf", work.toString()).start().waitFor();
        }
    }

    /**
     * Three syncs queued; the worker whose container runs the sync command (its {@code sleep})
     * is killed, and started again once the fleet has had 200 more answers. Who takes the
     * interrupted job back (the other worker, or the restarted one) is the job library's choice.
     */
    private static void killAndRestartAWorkerInTheMiddleOfASync(DockerEngine engine, ComposeProject stack, Fleet fleet) {
        stack.exec("parceler", "repo:sync", REPOSITORY, REPOSITORY, REPOSITORY).orFail("repo:sync");
        String[] busy = new String[1];
        Eventually.await(PATIENCE, "a worker container running the sync command", () -> {
            for (String worker : List.of(stack.container("worker", 1), stack.container("worker-b", 1))) {
                if (engine.docker(Duration.ofSeconds(10), "top", worker).output().contains("sleep 2")) {
                    busy[0] = worker;
                    return true;
                }
            }
            return false;
        });
        long started = System.nanoTime();
        engine.docker(Duration.ofSeconds(30), "kill", busy[0]).orFail("docker kill " + busy[0]);
        System.out.println("killed " + busy[0] + " in the middle of a sync");
        fleet.awaitMore(200);
        String since = Instant.now().toString();
        engine.docker(Duration.ofSeconds(30), "start", busy[0]).orFail("docker start " + busy[0]);
        // Its own word that it runs jobs again (docker's health check, a JVM of its own every 10 s,
        // lags far behind on a busy machine).
        Eventually.await(PATIENCE, busy[0] + " started again", () -> engine.docker(Duration.ofSeconds(30), "logs", "--since", since,
                busy[0]).output().contains("Worker started"));
        report(busy[0] + " killed and working again", started);
    }

    private static void killAndRestartAnAppReplica(DockerEngine engine, ComposeProject stack, Fleet fleet) {
        String replica = stack.container("app", 1);
        long started = System.nanoTime();
        engine.docker(Duration.ofSeconds(30), "kill", replica).orFail("docker kill " + replica);
        System.out.println("killed " + replica + " under load");
        fleet.awaitMore(500);
        engine.docker(Duration.ofSeconds(30), "start", replica).orFail("docker start " + replica);
        Eventually.await(PATIENCE, replica + " answering again", () -> {
            try {
                return replica(stack, 1).get("/up").status() == 200;
            } catch (RuntimeException | AssertionError notYet) {
                return false;
            }
        });
        report(replica + " killed and answering again", started);
        // nginx left the killed replica's address out for a few seconds at a time, and sends to it
        // again now that it answers (a started container keeps its address).
        String since = Instant.now().toString();
        fleet.awaitMore(300);
        assertThat(engine.docker(Duration.ofSeconds(30), "logs", "--since", since, replica).output())
                .as("nginx sends the fleet to the restarted replica again").contains("GET " + FEED);
    }

    /**
     * Every sync asked for (the first, then three) ended in exactly one successful run: none lost,
     * none run twice. A job that finds the repository busy is queued again as a new job, so the
     * killed worker's job may end as an interrupted run whose successor succeeds. No two runs of
     * the repository overlap, and the job library holds no job failed, queued or running.
     */
    private static void everyJobRanOnceToItsEnd(ComposeProject stack, Figures figures) {
        Eventually.await(PATIENCE.multipliedBy(2), "the four syncs done (the interrupted one taken back)", () -> {
            List<Run> now = runs(stack);
            return now.stream().filter(run -> run.outcome().equals("succeeded")).count() >= 4
                    && now.stream().noneMatch(run -> run.outcome().equals("running"));
        });
        List<Run> runs = runs(stack);
        runs.forEach(run -> System.out.println("run " + run));
        assertThat(runs).as("one successful run per sync asked for").filteredOn(run -> run.outcome().equals("succeeded")).hasSize(4);
        assertThat(runs).as("the killed worker's run, and no other, interrupted").filteredOn(run -> run.outcome().equals("interrupted")).hasSize(1);
        Map<String, List<Run>> byJob = runs.stream().collect(Collectors.groupingBy(Run::job));
        byJob.forEach((job, ofJob) -> assertThat(ofJob.stream().map(Run::outcome).toList()).as("the runs of job " + job)
                .isIn(List.of("succeeded"), List.of("interrupted"), List.of("interrupted", "succeeded")));
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i).started()).as("run %s starts after %s ended", runs.get(i), runs.get(i - 1))
                    .isAfterOrEqualTo(runs.get(i - 1).finished());
        }
        String jobs = psql(stack, "SELECT state, count(*) FROM jobrunr_jobs GROUP BY state ORDER BY state");
        figures.put("runs", summary(runs.stream().map(Run::outcome).toList())).put("jobs by state", jobs.strip().replace('\n', ' '));
        assertThat(jobs.strip().lines().map(line -> line.split("\\|")[0]).toList()).as("no job failed, queued or lost")
                .containsOnly("SUCCEEDED");
    }

    /** A release by the bearer token: when its run ends, how soon each app replica serves its snapshot. */
    private static void releaseSeenByBothReplicasWithinOneSecond(ComposeProject stack, Path feed, HttpProbe nginx, Figures figures)
            throws Exception {
        List<HttpProbe> replicas = List.of(replica(stack, 1), replica(stack, 2));
        List<String> before = replicas.stream().map(ScaleOutStackIT::served).toList();
        assertThat(before.get(0)).as("both replicas serve one snapshot").isEqualTo(before.get(1)).isNotEmpty();
        feed(feed, "2");
        assertThat(nginx.post("/repository/" + REPOSITORY + "/release", "Authorization: Bearer scale-token").status()).isEqualTo(200);
        Instant[] seen = new Instant[2];
        Eventually.await(PATIENCE, "both replicas serve the released snapshot", () -> {
            for (int i = 0; i < 2; i++) {
                if (seen[i] == null && !served(replicas.get(i)).equals(before.get(i))) {
                    seen[i] = Instant.now();
                }
            }
            return seen[0] != null && seen[1] != null;
        });
        Run release = runs(stack).stream().filter(run -> run.kind().equals("release")).reduce((first, second) -> second).orElseThrow();
        assertThat(release.outcome()).isEqualTo("succeeded");
        Duration first = Duration.between(release.finished(), seen[0]);
        Duration second = Duration.between(release.finished(), seen[1]);
        figures.put("release served by app-1, ms after its end", first.toMillis())
                .put("release served by app-2, ms after its end", second.toMillis());
        // Polled one replica after the other, each answer a new connection: 250 ms of slack for that.
        assertThat(first.compareTo(second) > 0 ? first : second).as("both replicas within 1 s of the release's end")
                .isLessThanOrEqualTo(Duration.ofMillis(1250));
        assertThat(nginx.get(FEED + "Packages", machine(7)).text()).contains("Version: 2");
    }

    /** What a replica serves for the index: the bucket's object it names for nginx (or the bytes it sends itself). */
    private static String served(HttpProbe replica) {
        Answer answer = replica.get(FEED + "Packages", machine(3));
        String object = answer.header("X-Parceler-S3-Url");
        return answer.status() + " " + (object != null ? object.replaceAll("\\?.*", "") : answer.text());
    }

    private static HttpProbe replica(ComposeProject stack, int index) {
        String published = stack.run(Duration.ofSeconds(30), "port", "--index", String.valueOf(index), "app", "8080")
                .orFail("docker compose port app").output().strip();
        return new HttpProbe(Integer.parseInt(published.substring(published.lastIndexOf(':') + 1)));
    }

    record Run(String job, String kind, String outcome, Instant started, Instant finished, String snapshot) {
    }

    private static List<Run> runs(ComposeProject stack) {
        String rows = psql(stack, "SELECT coalesce(job_id, ''), kind, outcome, started_at, coalesce(finished_at, ''), coalesce(snapshot, '')"
                + " FROM job_runs WHERE repository = '" + REPOSITORY + "' ORDER BY id");
        return rows.strip().lines().filter(line -> !line.isBlank()).map(line -> line.split("\\|", -1))
                .map(cells -> new Run(cells[0], cells[1], cells[2], Instant.parse(cells[3]),
                        cells[4].isEmpty() ? Instant.MAX : Instant.parse(cells[4]), cells[5]))
                .toList();
    }

    private static String psql(ComposeProject stack, String query) {
        return stack.run(Duration.ofSeconds(30), "exec", "-T", "postgres", "psql", "-U", "parceler", "-d", "parceler", "-At", "-c", query)
                .orFail("psql " + query).output();
    }

    /** The feed at {@code version}: an index, its signature and the packages it lists. */
    private static Path feed(Path feed, String version) throws java.io.IOException {
        StringBuilder index = new StringBuilder();
        for (int i = 0; i < PACKAGES; i++) {
            Files.writeString(feed.resolve("p" + i + "_" + version + ".ipk"), "package " + i + " version " + version + "\n".repeat(2048));
            world(feed.resolve("p" + i + "_" + version + ".ipk"));
            index.append("Package: p").append(i).append("\nVersion: ").append(version).append("\nFilename: p").append(i).append('_')
                    .append(version).append(".ipk\n\n");
        }
        Files.writeString(feed.resolve("Packages"), index);
        Files.writeString(feed.resolve("Packages.sig"), "signature of version " + version + "\n");
        world(feed.resolve("Packages"));
        world(feed.resolve("Packages.sig"));
        return feed;
    }

    private static String credentials() {
        return IntStream.range(0, MACHINES).mapToObj(i -> "community:machine-" + i + ":secret-" + i + "\n").collect(Collectors.joining());
    }

    private static String machine(int i) {
        return "Authorization: " + basic("machine-" + i, "secret-" + i);
    }

    /** The operator's .env for the scale-out file: a key, a token, the database's password, the bucket. */
    static String scaleOutEnv(String example) {
        return ContainerStackIT.operatorsEnv(example)
                .replaceFirst("(?m)^REPOSITORY_RELEASE_TOKEN=stack-token$", "REPOSITORY_RELEASE_TOKEN=scale-token")
                .replaceFirst("(?m)^AWS_ACCESS_KEY_ID=$", "AWS_ACCESS_KEY_ID=" + S3Server.ACCESS_KEY)
                .replaceFirst("(?m)^AWS_SECRET_ACCESS_KEY=$", "AWS_SECRET_ACCESS_KEY=" + S3Server.SECRET_KEY)
                .replaceFirst("(?m)^AWS_BUCKET=$", "AWS_BUCKET=" + S3Server.BUCKET)
                .replaceFirst("(?m)^AWS_ENDPOINT=$", "AWS_ENDPOINT=http://s3:9000")
                .replaceFirst("(?m)^AWS_USE_PATH_STYLE_ENDPOINT=false$", "AWS_USE_PATH_STYLE_ENDPOINT=true")
                // No daily sync in the middle of the test: the syncs counted are the test's own.
                .replaceFirst("(?m)^SYNC_SCHEDULE=.*$", "SYNC_SCHEDULE=\"0 0 29 2 *\"")
                + "\nDB_PASSWORD=scale-out-database-password\n";
    }

    /**
     * What the test adds to the operator's file: the bucket and the upstream on the compose
     * network, each app replica also published on a loopback port of its own (to watch it alone),
     * and the second host's worker with a volume of its own: it shares only the database and the bucket.
     */
    private static String scaleOut(Path feed) {
        return """
                services:
                  s3:
                    image: %s
                    networks: [parceler]
                  upstream:
                    image: parceler-app:dev
                    entrypoint: ["rclone", "serve", "http", "/feed", "--addr", ":8081", "--dir-cache-time", "0s"]
                    volumes:
                      - %s:/feed:ro
                    networks: [parceler]
                    healthcheck:
                      test: ["CMD", "rclone", "lsf", "--http-url", "http://127.0.0.1:8081/", ":http:"]
                      interval: 2s
                  app:
                    ports:
                      - "127.0.0.1::8080"
                    depends_on:
                      s3:
                        condition: service_healthy
                      upstream:
                        condition: service_healthy
                  worker-b:
                    extends:
                      file: docker-compose.postgres.yml
                      service: worker
                    volumes:
                      - config-b:/var/lib/parceler
                    depends_on:
                      postgres:
                        condition: service_healthy
                      app:
                        condition: service_healthy
                volumes:
                  config-b:
                """.formatted(DockerEngine.S3_IMAGE, feed);
    }

    /** The fleet's pattern through nginx: an index, its signature, then a package, by machines picked at random. */
    private static final class Fleet {
        private final HttpProbe nginx;
        private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        private final List<Future<?>> running = new ArrayList<>();
        private final List<String> answers = Collections.synchronizedList(new ArrayList<>());
        private final List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean going = new AtomicBoolean(true);
        private final long startedNanos = System.nanoTime();
        private volatile long stoppedNanos;

        private Fleet(HttpProbe nginx) {
            this.nginx = nginx;
        }

        static Fleet start(HttpProbe nginx) {
            Fleet fleet = new Fleet(nginx);
            for (int i = 0; i < CLIENTS; i++) {
                fleet.running.add(fleet.clients.submit(fleet::client));
            }
            return fleet;
        }

        private void client() {
            long deadline = startedNanos + LONGEST_LOAD.toNanos();
            while (going.get() && answers.size() < MOST_REQUESTS && System.nanoTime() < deadline) {
                int machine = ThreadLocalRandom.current().nextInt(MACHINES);
                int pkg = ThreadLocalRandom.current().nextInt(PACKAGES);
                for (String file : List.of("Packages", "Packages.sig", "p" + pkg + "_1.ipk")) {
                    long started = System.nanoTime();
                    String answer;
                    try {
                        Answer got = nginx.get(FEED + file, machine(machine));
                        answer = got.status() == 503 ? "503 Retry-After " + got.header("Retry-After") : String.valueOf(got.status());
                    } catch (RuntimeException e) {
                        answer = "failed: " + e.getMessage();
                    }
                    micros.add((System.nanoTime() - started) / 1000);
                    answers.add(answer);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(PACE.toNanos());
            }
        }

        /** Waits for {@code count} more answers: the load went on across what was just done to the stack. */
        void awaitMore(int count) {
            int target = answers.size() + count;
            Eventually.await(PATIENCE, count + " more answers", () -> answers.size() >= target || running.stream().allMatch(Future::isDone));
            assertThat(answers.size()).as("the load ended at its bound (%d requests or %s) before %d more answers",
                    MOST_REQUESTS, LONGEST_LOAD, count).isGreaterThanOrEqualTo(target);
        }

        void stop() throws Exception {
            going.set(false);
            for (Future<?> client : running) {
                client.get(1, TimeUnit.MINUTES);
            }
            clients.shutdown();
            stoppedNanos = System.nanoTime();
        }

        List<String> answers() {
            synchronized (answers) {
                return List.copyOf(answers);
            }
        }

        void report(Figures figures) {
            List<Long> sorted;
            synchronized (micros) {
                sorted = new ArrayList<>(micros);
            }
            Collections.sort(sorted);
            double seconds = (stoppedNanos - startedNanos) / 1e9;
            figures.put("answers", sorted.size())
                    .put("answers/s", Math.round(sorted.size() / seconds))
                    .put("p50 ms", millis(sorted, 0.50))
                    .put("p99 ms", millis(sorted, 0.99))
                    .put("answers by status", summary(answers()));
        }

        private static String millis(List<Long> sorted, double rank) {
            return String.format("%.1f", sorted.get((int) Math.min(sorted.size() - 1, Math.floor(rank * sorted.size()))) / 1000.0);
        }
    }
}
