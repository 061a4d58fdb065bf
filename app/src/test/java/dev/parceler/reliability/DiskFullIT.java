package dev.parceler.reliability;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.sync.JobRun.Outcome;
import dev.parceler.sync.JobRun;
import dev.parceler.testing.Background;
import dev.parceler.testing.CapturedLog;
import dev.parceler.testing.Eventually;
import dev.parceler.testing.Figures;
import dev.parceler.testing.HttpProbe.Answer;
import dev.parceler.testing.RunningService;
import dev.parceler.testing.SmallFileSystem;
import dev.parceler.testing.Trees;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database and the local disk on one small real file system (48 MiB), as in production where
 * both live on one volume, filled for real: a snapshot that runs out of space, then a disk full
 * to the byte, then the space given back. Serve runs in this JVM, the worker as its own process.
 */
class DiskFullIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    static final String PACKAGES = "/repository/community/base/Packages";

    @TempDir
    Path home;
    private SmallFileSystem volume;
    private RunningService service;
    private Background worker;

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.close();
        }
        if (service != null) {
            service.close();
        }
        if (volume != null) {
            volume.close();
        }
    }

    private List<JobRun> runs(String name) {
        return service.parceler().installation().jobs().runs().recent(name, 50);
    }

    private Answer get(String user, String secret) {
        return service.http().get(PACKAGES, "Authorization: " + basic(user, secret));
    }

    private static void writeRandom(Path file, long bytes) throws Exception {
        Files.createDirectories(file.getParent());
        byte[] block = new byte[1024 * 1024];
        Random random = new Random(7);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
    }

    @Test
    void aFullDiskDegradesTheServiceWithoutStoppingItAndEverythingRecoversWhenSpaceReturns() throws Exception {
        volume = SmallFileSystem.mount(home.resolve("volume"), 48);
        service = RunningService.start(home, Map.of("APP_TIMEZONE", "UTC",
                "DB_DATABASE", volume.root().resolve("database.sqlite").toString(),
                "STORAGE_ROOT", volume.root().resolve("app").toString()));
        service.subscriptions().community("secret", "2027-01-01T00:00:00Z").community("new-secret", "2027-01-01T00:00:00Z");
        service.parceler().createRepository("base", 7);
        service.parceler().snapshot("base", "2026-11-20T00:00:00+00:00", Map.of("Packages", "index"));
        Path upstream = home.resolve("upstream");
        writeRandom(upstream.resolve("big.ipk"), 12L * 1024 * 1024);
        assertThat(service.parceler().run("repo:create", "--name", "big", "--command", "cp -a " + upstream + "/. \"$PARCELER_SOURCE_DIR\"/",
                "--source-folder", "", "--delay", "7", "--no-sync").exitCode()).isZero();
        assertThat(get("cached-machine", "secret").status()).isEqualTo(200);
        worker = Background.start(home, service.parceler().environment(), "worker", "worker");
        Figures figures = new Figures("disk full and recovery (database and storage on one 48 MiB file system)");

        try (CapturedLog log = new CapturedLog()) {
            // 1. Room for the sync's copy but not for the snapshot's: the snapshot fails and removes its own half.
            Path filler = volume.root().resolve("filler");
            writeRandom(filler, volume.free() - 16L * 1024 * 1024);
            assertThat(service.parceler().run("repo:sync", "big").exitCode()).isZero();
            Eventually.await(PATIENCE, "the snapshot failing for lack of space",
                    () -> runs("big").stream().anyMatch(run -> run.outcome() == Outcome.FAILED));
            JobRun failed = runs("big").stream().filter(run -> run.outcome() == Outcome.FAILED).findFirst().orElseThrow();
            List<String> left = Trees.names(service.parceler().storageRoot().resolve("snapshots/big"));
            figures.put("failed snapshot", failed.message().orElse("?"));
            figures.put("hidden folders after it", left.size());
            assertThat(failed.message()).hasValueSatisfying(message -> assertThat(message).contains("No space left on device"));
            assertThat(left).as("the failed snapshot removed its own partial folder").isEmpty();

            // 2. Full to the byte: serving goes on, /up and the log say why the service is degraded.
            long filled = volume.fill(volume.root().resolve("filler-2"));
            figures.put("bytes free when full", volume.free());
            Answer up = service.http().get("/up");
            figures.put("/up when full", up.status() + " " + up.text());
            assertThat(up.status()).isEqualTo(200);
            assertThat(up.text()).contains("\"degraded\"").contains("disk full");
            long requests = 0;
            long non200 = 0;
            Instant until = Instant.now().plusSeconds(12);
            int machine = 0;
            while (Instant.now().isBefore(until)) {
                for (Answer answer : List.of(get("cached-machine", "secret"), get("new-machine-" + (++machine), "new-secret"))) {
                    requests++;
                    if (answer.status() != 200) {
                        non200++;
                    }
                }
                Thread.sleep(50);
            }
            figures.put("requests while full", requests).put("non-200 while full", non200);
            figures.put("worker alive after 12 s full", worker.alive());
            assertThat(non200).as("cached and new valid machines are served from a full disk").isZero();
            assertThat(log.text()).contains("Degraded: disk full (database and storage)");
            assertThat(worker.alive()).as("the worker keeps running on a full disk").isTrue();

            // 3. Space back: everything recovers by itself.
            Files.delete(volume.root().resolve("filler-2"));
            Files.delete(filler);
            Eventually.await(PATIENCE, "/up no longer degraded", () -> !service.http().get("/up").text().contains("degraded"));
            assertThat(log.text()).contains("Disk space is back");
            long succeededBefore = runs("big").stream().filter(run -> run.outcome() == Outcome.SUCCEEDED).count();
            assertThat(service.parceler().run("repo:sync", "big").exitCode()).isZero();
            Eventually.await(PATIENCE, "a sync succeeding once there is room",
                    () -> runs("big").stream().filter(run -> run.outcome() == Outcome.SUCCEEDED).count() > succeededBefore);
            assertThat(get("after-machine", "new-secret").status()).isEqualTo(200);
            figures.put("bytes filled", filled).put("recoveries", 1).put("worker alive at the end", worker.alive());
            figures.print();
            assertThat(worker.alive()).isTrue();
            assertThat(worker.log()).doesNotContain("exiting");
        }
    }
}
