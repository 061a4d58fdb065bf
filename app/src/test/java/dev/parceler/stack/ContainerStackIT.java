package dev.parceler.stack;

import static dev.parceler.testing.ComposeProject.world;
import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.ComposeProject;
import dev.parceler.testing.DockerEngine;
import dev.parceler.testing.Eventually;
import dev.parceler.testing.HttpProbe;
import dev.parceler.testing.HttpProbe.Answer;
import dev.parceler.testing.NginxServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The container stack as an operator runs it: the images built from this checkout on (stand-ins
 * of) their official bases, {@code docker compose up --wait} with a {@code .env} made from
 * {@code .env.example}, then through nginx on a loopback port: a repository created with the
 * console in the app container, synced by the worker container from an upstream on the compose
 * network, downloads, a release by the bearer-token trigger, maintenance, a restart that shows
 * no 502 and keeps the data, and a stop within the grace period.
 */
class ContainerStackIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String PROJECT = "parceler-stack-test";
    private static final String MACHINE = basic("machine-1", "secret-1");
    private static final String PACKAGES = "/repository/community/stack/Packages";

    @Test
    void composeUpSyncDownloadReleaseMaintenanceRestartAndDown() throws Exception {
        Path work = Files.createTempDirectory(Path.of("/tmp"), "pstack");
        try (DockerEngine engine = DockerEngine.start()) {
            long started = System.nanoTime();
            List<String> standIns = engine.standInBaseImages();
            ComposeProject.report("stand-in base images ready (" + String.join(", ", standIns) + ")", started);

            Path project = ComposeProject.checkoutCopy(work.resolve("project"));
            Path feed = world(work.resolve("feed"));
            Files.writeString(feed.resolve("Packages"), "Package: base-files\nVersion: 1\n");
            Files.writeString(feed.resolve("base-files_1.ipk"), "ipk 1");
            world(feed.resolve("Packages"));
            world(feed.resolve("base-files_1.ipk"));
            Files.writeString(project.resolve(".env"), operatorsEnv(Files.readString(project.resolve(".env.example"))));
            Files.writeString(project.resolve("compose.upstream.yml"), """
                    # The test's upstream on the compose network: rclone serving a folder over HTTP.
                    services:
                      upstream:
                        image: parceler-app:dev
                        entrypoint: ["rclone", "serve", "http", "/feed", "--addr", ":8081", "--dir-cache-time", "0s"]
                        volumes:
                          - %s:/feed:ro
                        healthcheck:
                          test: ["CMD", "rclone", "lsf", "--http-url", "http://127.0.0.1:8081/", ":http:"]
                          interval: 2s
                    """.formatted(feed));
            int port = NginxServer.freePort();
            ComposeProject compose = new ComposeProject(engine, project, PROJECT, List.of("docker-compose.yml", "compose.upstream.yml"),
                    Map.of("PARCELER_HTTP_PORT", "127.0.0.1:" + port));
            HttpProbe http = new HttpProbe(port);
            compose.around(() -> {
                long phase = System.nanoTime();
                compose.run(Duration.ofMinutes(10), "build").orFail("docker compose build");
                ComposeProject.report("images built", phase);
                System.out.println(engine.docker(Duration.ofSeconds(30), "image", "ls", "--format",
                        "{{.Repository}}:{{.Tag}} {{.Size}}").output());

                phase = System.nanoTime();
                compose.run(PATIENCE.multipliedBy(2), "up", "-d", "--wait").orFail("docker compose up --wait");
                ComposeProject.report("docker compose up --wait: every service healthy", phase);
                assertThat(compose.run(Duration.ofSeconds(30), "ps", "--format", "{{.Service}} {{.Status}}").output())
                        .contains("app Up", "worker Up", "scheduler Up", "nginx Up");
                String up = http.get("/up").text();
                assertThat(up).startsWith("{\"status\":\"up\"").contains("\"worker\":{\"seen\":true", "\"scheduler\":{\"seen\":true");

                // The credentials file goes into the volume through the app container, as README.md says.
                compose.exec("sh", "-c", "cat > /var/lib/parceler/credentials").input("community:machine-1:secret-1\n").orFail("credentials");
                compose.exec("parceler", "repo:create", "--name", "stack",
                        "--command", "rclone sync \":http,url='http://upstream:8081/':\" \"$PARCELER_SOURCE_DIR\"",
                        "--source-folder", "", "--delay", "0", "--sync").run().orFail("repo:create");

                Eventually.await(PATIENCE, "the worker container synced and the snapshot is served",
                        () -> http.get(PACKAGES, "Authorization: " + MACHINE).status() == 200);
                Answer served = http.get(PACKAGES, "Authorization: " + MACHINE);
                assertThat(served.text()).isEqualTo("Package: base-files\nVersion: 1\n");
                assertThat(served.header("Accept-Ranges")).as("one Accept-Ranges header").isEqualTo("bytes");
                assertThat(compose.run(Duration.ofSeconds(30), "logs", "worker").output()).contains("[stack] sync done");
                Answer anonymous = http.get(PACKAGES);
                assertThat(anonymous.status()).isEqualTo(401);
                assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
                Answer refused = http.get(PACKAGES, "Authorization: " + basic("machine-1", "wrong"));
                assertThat(refused.status()).isIn(401, 403);
                assertThat(refused.text()).doesNotContain("base-files");
                String snapshot = compose.exec("parceler", "repo:snapshots", "stack").run().orFail("repo:snapshots").output();
                String firstSnapshot = snapshotName(snapshot);
                assertThat(http.get("/internal/snapshots/stack/" + firstSnapshot + "/Packages").status())
                        .as("the internal location is not reachable from outside").isEqualTo(404);

                // A release: upstream moves on, the bearer-token trigger makes and serves a new snapshot at once.
                Files.writeString(feed.resolve("Packages"), "Package: base-files\nVersion: 2\n");
                assertThat(http.post("/repository/stack/release", "Authorization: Bearer stack-token").status()).isEqualTo(200);
                assertThat(http.post("/repository/stack/release", "Authorization: Bearer wrong").status()).isEqualTo(401);
                Eventually.await(PATIENCE, "the released snapshot is served",
                        () -> http.get(PACKAGES, "Authorization: " + MACHINE).text().endsWith("Version: 2\n"));

                compose.exec("parceler", "down", "--retry=30").run().orFail("parceler down");
                Eventually.await(PATIENCE, "the app sees maintenance", () -> http.get(PACKAGES, "Authorization: " + MACHINE).status() == 503);
                Answer maintenance = http.get(PACKAGES, "Authorization: " + MACHINE);
                assertThat(maintenance.status()).isEqualTo(503);
                assertThat(maintenance.header("Retry-After")).isEqualTo("30");
                compose.exec("parceler", "up").run().orFail("parceler up");
                Eventually.await(PATIENCE, "downloads are back after maintenance",
                        () -> http.get(PACKAGES, "Authorization: " + MACHINE).status() == 200);

                idleMemory(engine);
                restartShowsNo502AndKeepsTheData(compose, http);
                stopsWithinTheGracePeriod(compose);
            });
        } finally {
            new ProcessBuilder("rm", "-rf", work.toString()).start().waitFor();
        }
    }

    private static void restartShowsNo502AndKeepsTheData(ComposeProject compose, HttpProbe http) {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean polling = new AtomicBoolean(true);
        Thread poller = new Thread(() -> {
            while (polling.get()) {
                try {
                    Answer answer = http.get(PACKAGES, "Authorization: " + MACHINE);
                    seen.add(answer.status() + (answer.status() == 503 ? " Retry-After " + answer.header("Retry-After") : ""));
                } catch (RuntimeException e) {
                    // nginx itself restarting: the connection is refused or cut, which clients retry.
                    seen.add("refused");
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "restart-poller");
        poller.start();
        long started = System.nanoTime();
        try {
            compose.run(PATIENCE, "restart", "app").orFail("docker compose restart app");
            Eventually.await(PATIENCE, "the app answers again after its restart",
                    () -> seen.size() > 0 && seen.get(seen.size() - 1).equals("200"));
            ComposeProject.report("app restarted and serving again", started);
            started = System.nanoTime();
            compose.run(PATIENCE, "restart").orFail("docker compose restart");
            compose.run(PATIENCE.multipliedBy(2), "up", "-d", "--wait").orFail("docker compose up --wait after restart");
            Eventually.await(PATIENCE, "downloads answer again after the restart",
                    () -> http.get(PACKAGES, "Authorization: " + MACHINE).status() == 200);
            ComposeProject.report("stack restarted and healthy", started);
        } finally {
            polling.set(false);
            poller.interrupt();
        }
        List<String> answers;
        synchronized (seen) {
            answers = List.copyOf(seen);
        }
        System.out.println("answers during the restarts: " + ComposeProject.summary(answers));
        assertThat(answers).as("no 502 while the app restarts").noneMatch(answer -> answer.startsWith("502"));
        assertThat(answers).as("503 only with Retry-After").noneMatch(answer -> answer.equals("503 Retry-After null"));
        assertThat(answers).as("the app was really away for a moment").anyMatch(answer -> answer.startsWith("503"));
        assertThat(answers).allMatch(answer -> answer.equals("200") || answer.startsWith("503") || answer.equals("refused"));
        assertThat(http.get(PACKAGES, "Authorization: " + MACHINE).text()).as("the released snapshot survives").endsWith("Version: 2\n");
        assertThat(compose.exec("parceler", "repo:list").run().orFail("repo:list").output()).contains("stack");
    }

    private static void stopsWithinTheGracePeriod(ComposeProject compose) {
        long started = System.nanoTime();
        compose.run(Duration.ofSeconds(90), "stop").orFail("docker compose stop");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        ComposeProject.report("docker compose stop", started);
        assertThat(took).as("every container stops well within stop_grace_period (60 s)").isLessThan(Duration.ofSeconds(45));
        String states = compose.run(Duration.ofSeconds(30), "ps", "-a", "--format", "{{.Service}} {{.State}} {{.ExitCode}}").output();
        System.out.println(states);
        for (String service : List.of("app", "worker", "scheduler", "nginx")) {
            assertThat(states).as(service + " exited by itself, not killed").containsPattern("(?m)^" + service + " exited (0|143)$");
        }
    }

    private static void idleMemory(DockerEngine engine) {
        System.out.println(engine.docker(Duration.ofSeconds(60), "stats", "--no-stream", "--format", "{{.Name}} {{.MemUsage}}").output());
    }

    /** The .env an operator makes: .env.example with a key, a token, machines from the credentials file. */
    static String operatorsEnv(String example) {
        String env = example
                .replaceFirst("(?m)^APP_KEY=$", "APP_KEY=base64:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
                .replaceFirst("(?m)^APP_TIMEZONE=$", "APP_TIMEZONE=UTC")
                .replaceFirst("(?m)^REPOSITORY_RELEASE_TOKEN=$", "REPOSITORY_RELEASE_TOKEN=stack-token")
                .replaceFirst("(?m)^COMMUNITY_AUTH=subscription$", "COMMUNITY_AUTH=file");
        assertThat(env).as(".env.example still has the lines an operator edits")
                .contains("APP_KEY=base64:", "APP_TIMEZONE=UTC", "REPOSITORY_RELEASE_TOKEN=stack-token", "COMMUNITY_AUTH=file");
        return env;
    }

    private static String snapshotName(String table) {
        java.util.regex.Matcher name = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[0-9:+\\-Z]+").matcher(table);
        assertThat(name.find()).as("a snapshot in:\n" + table).isTrue();
        return name.group();
    }
}
