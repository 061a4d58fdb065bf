package dev.parceler.download;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.database.SharedState;
import dev.parceler.repository.NewRepository;
import dev.parceler.snapshot.SnapshotTimestamp;
import dev.parceler.testing.Background;
import dev.parceler.testing.Eventually;
import dev.parceler.testing.HttpProbe.Answer;
import dev.parceler.testing.HttpProbe;
import dev.parceler.testing.MachineLoad;
import dev.parceler.testing.MovableClock;
import dev.parceler.testing.NginxServer;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.Trees;
import dev.parceler.worker.TestWorker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one rule of how soon a change reaches downloads, with two {@code parceler serve} processes
 * on one database: a freeze, an unfreeze, a snapshot folder deleted by hand, a release, and
 * maintenance on and off each show in both within {@link SharedState#NOTICED_WITHIN}, counted
 * from the moment the change was made to the moment the first request that shows it was sent.
 */
class ChangesReachDownloadsIT {
    static final String MACHINE = "Authorization: " + basic("m1", "s1");
    static final String PACKAGES = "/repository/community/base/Packages";

    @TempDir
    Path home;
    private final List<Background> servers = new ArrayList<>();
    private final List<HttpProbe> probes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final List<String> measured = new ArrayList<>();
    private TestInstallation parceler;
    /** Each change must show within 1 s: not beside a container stack (see MachineLoad). */
    private MachineLoad machine;
    private String older;
    private String newer;

    @BeforeEach
    void start() {
        machine = MachineLoad.timed();
        Trees.write(home.resolve("credentials"), "community:m1:s1\n");
        Map<String, String> environment = new LinkedHashMap<>(Map.of("APP_TIMEZONE", "UTC", "HTTP_HOST", "127.0.0.1",
                "COMMUNITY_AUTH", "file", "AUTH_CREDENTIALS_FILE", home.resolve("credentials").toString(),
                "APP_KEY", "base64:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="));
        // The serve processes run on the real clock: snapshots a few days old, within a delay of 7 days.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        parceler = new TestInstallation(home, MovableClock.at(now.toString()));
        environment.forEach(parceler::env);
        parceler.installation().repositoryComponents().repositories().create(new NewRepository("base",
                "printf 'index released' > \"$PARCELER_SOURCE_DIR/Packages\"", Optional.empty(), 7));
        older = SnapshotTimestamp.format(now.minus(Duration.ofDays(3)), ZoneOffset.UTC);
        newer = SnapshotTimestamp.format(now.minus(Duration.ofDays(1)), ZoneOffset.UTC);
        parceler.snapshot("base", older, Map.of("Packages", "index older"));
        parceler.snapshot("base", newer, Map.of("Packages", "index newer"));
        for (String name : List.of("serve-1", "serve-2")) {
            int port = NginxServer.freePort();
            Map<String, String> own = new LinkedHashMap<>(environment);
            own.put("HTTP_PORT", Integer.toString(port));
            servers.add(Background.start(home, own, name, "serve"));
            probes.add(new HttpProbe(port));
            ports.add(port);
        }
        for (int port : ports) {
            Eventually.await(Duration.ofSeconds(60), "serve answers", () -> HttpProbe.up(port));
        }
    }

    @AfterEach
    void stop() {
        Background.closeAll(servers);
        if (parceler != null) {
            parceler.close();
        }
        machine.close();
    }

    @Test
    void everyChangeReachesEveryServeProcessWithinOneBound() throws Exception {
        assertThat(probes).allMatch(probe -> probe.get(PACKAGES, MACHINE).text().equals("index older"));

        List<String> late = new ArrayList<>();
        late.addAll(shownWithin("freeze", () -> parceler.installation().repositoryComponents().repositories().freeze("base", newer), text("index newer")));
        late.addAll(shownWithin("unfreeze", () -> parceler.installation().repositoryComponents().repositories().unfreeze("base"), text("index older")));
        late.addAll(shownWithin("snapshot deleted by hand",
                () -> parceler.installation().volume().disk().deleteFolder("snapshots/base/" + older), text("index newer")));
        late.addAll(shownWithin("release", () -> TestWorker.on(parceler).release("base", UUID.randomUUID()), text("index released")));
        late.addAll(shownWithin("maintenance on", () -> parceler.installation().maintenance().down(Optional.empty(), Optional.empty()),
                answer -> answer.status() == 503));
        late.addAll(shownWithin("maintenance off", () -> parceler.installation().maintenance().up(), text("index released")));

        System.out.println("Changes reached downloads after: " + measured);
        assertThat(late).as("changes seen later than " + SharedState.NOTICED_WITHIN.toMillis() + " ms: " + measured).isEmpty();
        assertThat(servers).allMatch(Background::alive);
    }

    interface Change {
        void make() throws Exception;
    }

    private static Predicate<Answer> text(String expected) {
        return answer -> answer.status() == 200 && answer.text().equals(expected);
    }

    /**
     * Warms both servers' caches, makes the change, then asks both until each shows it (at most
     * 5 s); returns a line for each server that showed it later than the bound.
     */
    private List<String> shownWithin(String change, Change make, Predicate<Answer> shows) throws Exception {
        for (HttpProbe probe : probes) {
            probe.get(PACKAGES, MACHINE);
        }
        make.make();
        long madeAt = System.nanoTime();
        long[] shownAt = new long[probes.size()];
        long deadline = madeAt + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline && java.util.Arrays.stream(shownAt).anyMatch(at -> at == 0)) {
            for (int i = 0; i < probes.size(); i++) {
                if (shownAt[i] == 0) {
                    long sentAt = System.nanoTime();
                    if (shows.test(probes.get(i).get(PACKAGES, MACHINE))) {
                        shownAt[i] = sentAt;
                    }
                }
            }
            Thread.sleep(10);
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            Duration after = Duration.ofNanos(shownAt[i] - madeAt);
            measured.add(change + " serve-" + (i + 1) + ": " + (shownAt[i] == 0 ? "never" : after.toMillis() + " ms"));
            if (shownAt[i] == 0) {
                lines.add(change + ": serve-" + (i + 1) + " never showed it within 5 s");
            } else if (after.compareTo(SharedState.NOTICED_WITHIN) > 0) {
                lines.add(change + ": serve-" + (i + 1) + " after " + after.toMillis() + " ms");
            }
        }
        return lines;
    }
}
