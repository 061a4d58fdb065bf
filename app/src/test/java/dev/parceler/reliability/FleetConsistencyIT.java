package dev.parceler.reliability;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.repository.NewRepository;
import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.Eventually;
import dev.parceler.testing.ExternalBinary;
import dev.parceler.testing.Figures;
import dev.parceler.testing.HttpProbe.Answer;
import dev.parceler.testing.OpkgFeed;
import dev.parceler.testing.RunningService;
import dev.parceler.testing.Trees;
import dev.parceler.worker.RepositoryWorker;
import dev.parceler.worker.TestWorker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Machines update as opkg does (the feed's {@code Packages.gz}, then {@code Packages.sig}, then
 * every package the index lists, each a separate request) without pause, while the served
 * snapshot switches under them: the delay window moving with syncs and cleanups, releases,
 * a rollback and its end. With {@code SWITCH_GRACE}, no machine ever gets a signature of another
 * index, nor misses (or gets other bytes of) a package its index lists.
 */
class FleetConsistencyIT {
    static final String FEED = "packages/x86_64/base";
    static final int MACHINES = 64;
    static final int CLIENTS = 4;
    /** Updates to complete between two switches, so that every switch lands among updates in flight. */
    static final int UPDATES_PER_SWITCH = 24;

    @TempDir
    Path home;
    private RunningService service;
    private OpkgFeed upstream;
    private int version;
    private final Map<String, String> signedVersions = new java.util.concurrent.ConcurrentHashMap<>();
    /** What the fleet is going through now, and the first mismatches seen: to tell why, should one occur. */
    private volatile String step = "start";
    private final List<String> mismatches = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        ExternalBinary.require("rsync");
        service = RunningService.start(home.resolve("parceler"), Map.of("APP_TIMEZONE", "UTC"));
        service.subscriptions().enterpriseAnyId("fleet-secret");
        upstream = new OpkgFeed(home.resolve("upstream").resolve(FEED));
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    /** A new upstream version: the feed folder emptied and written again, packages first, as OpenWrt's build uploads it. */
    private void publish() {
        version++;
        Trees.deleteRecursively(upstream.folder());
        for (String name : List.of("base-files", "luci", "nethsecurity")) {
            StringBuilder content = new StringBuilder(name + " " + version + "\n");
            while (content.length() < 2048) {
                content.append(name).append(' ').append(version).append(' ');
            }
            upstream.put(name, Integer.toString(version), content.toString());
        }
        upstream.publish();
        signedVersions.put(OpkgFeed.sha256(upstream.index().getBytes(StandardCharsets.UTF_8)), Integer.toString(version));
        // A minute apart per version: snapshots tell unchanged files by size and modification time, and these
        // are written within the same second.
        java.time.Instant uploaded = java.time.Instant.parse("2026-11-01T00:00:00Z").plusSeconds(60L * version);
        for (Path file : Trees.files(upstream.folder())) {
            upstream.touch(file.getFileName().toString(), uploaded);
        }
    }

    private record Load(AtomicLong updates, AtomicLong requests, AtomicLong unavailable, AtomicLong mismatchedSignatures,
            AtomicLong missingPackages, AtomicLong wrongPackages, AtomicBoolean running, List<Future<?>> clients) {
        void stop() throws Exception {
            running.set(false);
            for (Future<?> client : clients) {
                client.get(60, TimeUnit.SECONDS);
            }
        }
    }

    private Load machinesUpdating(ExecutorService pool) {
        Load load = new Load(new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong(),
                new AtomicLong(), new AtomicBoolean(true), new ArrayList<>());
        for (int i = 0; i < CLIENTS; i++) {
            int client = i;
            load.clients().add(pool.submit(() -> {
                while (load.running().get()) {
                    // Each client plays its own machines: one machine runs one update at a time.
                    int machine = client + CLIENTS * ThreadLocalRandom.current().nextInt(MACHINES / CLIENTS);
                    update("Authorization: " + basic("machine-" + machine, "fleet-secret"), load);
                    load.updates().incrementAndGet();
                }
                return null;
            }));
        }
        return load;
    }

    /** One machine's update, as opkg runs it: index, signature, then each package of the index. */
    private void update(String machine, Load load) {
        String base = "/repository/enterprise/fleet/" + FEED + "/";
        Answer gzipped = service.http().get(base + "Packages.gz", machine);
        Answer signature = service.http().get(base + "Packages.sig", machine);
        load.requests().addAndGet(2);
        if (gzipped.status() != 200 || signature.status() != 200) {
            load.unavailable().incrementAndGet();
            return;
        }
        String index = gunzip(gzipped.body());
        if (!signature.text().contains(OpkgFeed.sha256(index.getBytes(StandardCharsets.UTF_8)))) {
            load.mismatchedSignatures().incrementAndGet();
            String signed = signedVersions.getOrDefault(signature.text().strip().lines().reduce((first, last) -> last).orElse(""), "?");
            if (mismatches.size() < 10) {
                mismatches.add("during " + step + ": index of version "
                        + index.lines().filter(line -> line.startsWith("Version: ")).findFirst().orElse("?") + ", signature of " + signed);
            }
            return;
        }
        for (Map.Entry<String, String> listed : packages(index).entrySet()) {
            Answer pkg = service.http().get(base + listed.getKey(), machine);
            load.requests().incrementAndGet();
            if (pkg.status() != 200) {
                load.missingPackages().incrementAndGet();
            } else if (!OpkgFeed.sha256(pkg.body()).equals(listed.getValue())) {
                load.wrongPackages().incrementAndGet();
            }
        }
    }

    /** Filename → SHA256sum of every stanza. */
    private static Map<String, String> packages(String index) {
        Map<String, String> packages = new LinkedHashMap<>();
        String filename = null;
        for (String line : index.split("\n")) {
            if (line.startsWith("Filename: ")) {
                filename = line.substring("Filename: ".length());
            } else if (line.startsWith("SHA256sum: ") && filename != null) {
                packages.put(filename, line.substring("SHA256sum: ".length()));
            }
        }
        return packages;
    }

    private static String gunzip(byte[] gzipped) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lets the fleet complete some updates, so that the next switch lands among updates in flight. */
    private static void letMachinesUpdate(Load load) {
        long target = load.updates().get() + UPDATES_PER_SWITCH;
        Eventually.await(Duration.ofSeconds(60), UPDATES_PER_SWITCH + " more updates", () -> load.updates().get() >= target);
    }

    private String served() {
        return service.parceler().run("repo:list", "--json").out();
    }

    @Test
    void machinesInTheMiddleOfAnUpdateNeverMixSnapshotsAcrossSwitches() throws Exception {
        service.parceler().installation().repositoryComponents().repositories().create(new NewRepository("fleet",
                "rsync -a --delete " + home.resolve("upstream") + "/ \"$PARCELER_SOURCE_DIR\"/", Optional.empty(), 1));
        RepositoryWorker worker = TestWorker.on(service.parceler());
        // A day of syncs, five minutes apart; then the clock moves past the delay of the first.
        for (int sync = 0; sync < 4; sync++) {
            publish();
            worker.sync("fleet", UUID.randomUUID());
            service.parceler().clock().advance(Duration.ofMinutes(5));
        }
        service.parceler().clock().advance(Duration.ofDays(1).minusMinutes(18));

        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        Figures figures = new Figures("fleet updates across snapshot switches");
        try {
            Load load = machinesUpdating(pool);
            letMachinesUpdate(load);
            // The window moves every five minutes, and a new sync's cleanup deletes what nothing holds.
            for (int move = 0; move < 4; move++) {
                service.parceler().clock().advance(Duration.ofMinutes(5));
                publish();
                worker.sync("fleet", UUID.randomUUID());
                figures.add("window moves", 1);
                step = "move" + move;
                letMachinesUpdate(load);
            }
            // Releases, a rollback and its end, a sync between.
            for (String step : List.of("release", "rollback", "unfreeze", "sync", "release", "release")) {
                service.parceler().clock().advance(Duration.ofMinutes(2));
                switch (step) {
                    case "release" -> {
                        publish();
                        worker.release("fleet", UUID.randomUUID());
                    }
                    case "sync" -> {
                        publish();
                        worker.sync("fleet", UUID.randomUUID());
                    }
                    default -> {
                        ConsoleResult result = step.equals("rollback")
                                ? service.parceler().run("repo:rollback", "fleet", "--reason", "fleet test")
                                : service.parceler().run("repo:unfreeze", "fleet");
                        assertThat(result.exitCode()).as(result.toString()).isZero();
                    }
                }
                figures.add(step + "s", 1);
                this.step = step;
                letMachinesUpdate(load);
            }
            load.stop();
            figures.put("machines", MACHINES)
                    .put("updates", load.updates().get())
                    .put("requests", load.requests().get())
                    .put("index or signature unavailable", load.unavailable().get())
                    .put("mismatched index/signature", load.mismatchedSignatures().get())
                    .put("missing packages", load.missingPackages().get())
                    .put("packages of other bytes", load.wrongPackages().get())
                    .print();

            assertThat(load.updates().get()).isGreaterThanOrEqualTo(UPDATES_PER_SWITCH * 11L);
            assertThat(load.unavailable().get()).isZero();
            assertThat(load.mismatchedSignatures().get()).as(mismatches.toString()).isZero();
            assertThat(load.missingPackages().get()).isZero();
            assertThat(load.wrongPackages().get()).isZero();
            assertThat(served()).contains("\"released\" : \"");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withoutTheGraceMachinesDoMixSnapshots() throws Exception {
        // The same fleet with SWITCH_GRACE=0 and nothing kept: the check above can fail.
        service.close();
        service = RunningService.start(home.resolve("parceler"), Map.of("APP_TIMEZONE", "UTC", "SWITCH_GRACE", "0",
                "REPOSITORY_KEEP_SERVED", "0"));
        service.subscriptions().enterpriseAnyId("fleet-secret");
        service.parceler().installation().repositoryComponents().repositories().create(new NewRepository("fleet",
                "rsync -a --delete " + home.resolve("upstream") + "/ \"$PARCELER_SOURCE_DIR\"/", Optional.empty(), 1));
        RepositoryWorker worker = TestWorker.on(service.parceler());
        publish();
        worker.sync("fleet", UUID.randomUUID());

        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            Load load = machinesUpdating(pool);
            for (int release = 0; release < 20 && load.mismatchedSignatures().get() + load.missingPackages().get() == 0; release++) {
                service.parceler().clock().advance(Duration.ofMinutes(1));
                publish();
                worker.release("fleet", UUID.randomUUID());
                letMachinesUpdate(load);
            }
            load.stop();
            new Figures("fleet updates across releases without the switch grace")
                    .put("updates", load.updates().get())
                    .put("mismatched index/signature", load.mismatchedSignatures().get())
                    .put("missing packages", load.missingPackages().get())
                    .print();
            assertThat(load.mismatchedSignatures().get() + load.missingPackages().get())
                    .as("without the grace, a release under a fleet breaks some updates").isPositive();
        } finally {
            pool.shutdownNow();
        }
    }
}
