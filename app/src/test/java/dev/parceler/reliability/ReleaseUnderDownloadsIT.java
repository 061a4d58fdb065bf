package dev.parceler.reliability;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.digest.Sha256;
import dev.parceler.repository.NewRepository;
import dev.parceler.sync.JobRun.Kind;
import dev.parceler.testing.Figures;
import dev.parceler.testing.HttpProbe.Answer;
import dev.parceler.testing.RunningService;
import dev.parceler.testing.Trees;
import dev.parceler.worker.RepositoryWorker;
import dev.parceler.worker.TestWorker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Releases (milestones) and delay-0 rotation through the real server while machines download
 * without pause and check every body against the versions that were ever published: the
 * repository never serves nothing and never a torn file.
 */
class ReleaseUnderDownloadsIT {
    static final String FILE = "/repository/community/base/feed/Packages";
    static final int DOWNLOADERS = 4;
    static final DateTimeFormatter ATOM = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);

    @TempDir
    Path home;
    private RunningService service;
    private Path upstream;
    private final Set<String> published = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() {
        service = RunningService.start(home, Map.of("APP_TIMEZONE", "UTC"));
        service.subscriptions().community("secret", "2027-01-01T00:00:00Z");
        upstream = home.resolve("upstream");
    }

    @AfterEach
    void stop() {
        service.close();
    }

    /** Writes a new upstream version of the file, 16 KiB, and remembers its checksum as published. */
    private void publish(String version) {
        StringBuilder content = new StringBuilder(version).append('\n');
        while (content.length() < 16 * 1024) {
            content.append(version).append(' ');
        }
        published.add(Sha256.hex(content.toString()));
        Trees.write(upstream.resolve("feed/Packages"), content.toString());
    }

    /** Snapshot folders with a published version of the file, as old syncs would have left them. */
    private void oldSnapshots(int count) {
        Instant now = service.parceler().clock().instant();
        for (int i = count; i >= 1; i--) {
            String name = ATOM.format(now.minus(Duration.ofHours(i * 12L)));
            String version = "old " + name;
            StringBuilder content = new StringBuilder(version).append('\n');
            while (content.length() < 16 * 1024) {
                content.append(version).append(' ');
            }
            published.add(Sha256.hex(content.toString()));
            // Written aside and moved into place, as a snapshot appears: whole or not at all.
            Path aside = service.parceler().snapshot("base", "." + name + ".aside", Map.of("feed/Packages", content.toString()));
            try {
                java.nio.file.Files.move(aside, aside.resolveSibling(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private record Load(AtomicLong requests, AtomicLong non200, AtomicLong mismatches, List<Future<?>> loops, AtomicBoolean running) {
        void stop() throws Exception {
            running.set(false);
            for (Future<?> loop : loops) {
                loop.get(30, TimeUnit.SECONDS);
            }
        }
    }

    private Load download(ExecutorService clients) {
        Load load = new Load(new AtomicLong(), new AtomicLong(), new AtomicLong(), new ArrayList<>(), new AtomicBoolean(true));
        for (int i = 0; i < DOWNLOADERS; i++) {
            load.loops().add(clients.submit(() -> {
                while (load.running().get()) {
                    Answer answer = service.http().get(FILE, "Authorization: " + basic("machine", "secret"));
                    load.requests().incrementAndGet();
                    if (answer.status() != 200) {
                        load.non200().incrementAndGet();
                    } else if (!published.contains(Sha256.hex(answer.text()))) {
                        load.mismatches().incrementAndGet();
                    }
                }
            }));
        }
        return load;
    }

    @Test
    void releasesUnderContinuousDownloadsNeverAnswerAnythingBut200() throws Exception {
        service.parceler().installation().repositoryComponents().repositories().create(new NewRepository("base",
                "cp -a " + upstream + "/. \"$PARCELER_SOURCE_DIR\"/", Optional.empty(), 7));
        publish("release 0");
        oldSnapshots(4);
        RepositoryWorker worker = TestWorker.on(service.parceler());
        int releases = 10;
        ExecutorService clients = Executors.newFixedThreadPool(DOWNLOADERS);
        try {
            Load load = download(clients);
            for (int release = 1; release <= releases; release++) {
                service.parceler().clock().advance(Duration.ofMinutes(1));
                oldSnapshots(4);
                publish("release " + release);
                worker.release("base", UUID.randomUUID());
            }
            load.stop();
            new Figures("releases under continuous checksummed downloads")
                    .put("releases", releases)
                    .put("snapshots deleted", releases * 5)
                    .put("requests", load.requests().get())
                    .put("non-200", load.non200().get())
                    .put("mismatches", load.mismatches().get())
                    .print();
            assertThat(load.requests().get()).isPositive();
            assertThat(load.non200().get()).isZero();
            assertThat(load.mismatches().get()).isZero();
            assertThat(service.parceler().installation().jobs().runs().recent("base", 50))
                    .filteredOn(run -> run.kind() == Kind.RELEASE).hasSize(releases);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void delayZeroRotationUnderContinuousDownloadsNeverAnswersAnythingBut200() throws Exception {
        service.parceler().installation().repositoryComponents().repositories().create(new NewRepository("base",
                "cp -a " + upstream + "/. \"$PARCELER_SOURCE_DIR\"/", Optional.empty(), 0));
        publish("sync 0");
        RepositoryWorker worker = TestWorker.on(service.parceler());
        worker.sync("base", UUID.randomUUID());
        int syncs = 20;
        ExecutorService clients = Executors.newFixedThreadPool(DOWNLOADERS);
        try {
            Load load = download(clients);
            for (int sync = 1; sync <= syncs; sync++) {
                service.parceler().clock().advance(Duration.ofMinutes(1));
                publish("sync " + sync);
                worker.sync("base", UUID.randomUUID());
            }
            load.stop();
            new Figures("delay-0 rotation under continuous checksummed downloads")
                    .put("syncs", syncs)
                    .put("requests", load.requests().get())
                    .put("non-200", load.non200().get())
                    .put("mismatches", load.mismatches().get())
                    .print();
            assertThat(load.requests().get()).isPositive();
            assertThat(load.non200().get()).isZero();
            assertThat(load.mismatches().get()).isZero();
        } finally {
            clients.shutdownNow();
        }
    }
}
