package dev.parceler.download;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.repository.Repository;
import dev.parceler.testing.MovableClock;
import dev.parceler.testing.TestInstallation;
import dev.parceler.volume.SnapshotComponents;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The served snapshot as the downloads see it, on a real database and disk: what time alone
 * changes reaches the next download, with no new snapshot and no change counted. The monotonic
 * ticker stands still, so the change counter is never read again: only the plan's time moves.
 */
class ServedSnapshotsTest {
    @TempDir
    Path home;
    private final MovableClock clock = MovableClock.at("2026-11-21T12:00:00Z");
    private final AtomicLong ticks = new AtomicLong();
    private TestInstallation parceler;
    private ServedSnapshots served;

    @BeforeEach
    void start() {
        parceler = new TestInstallation(home, clock);
        SnapshotComponents snapshot = parceler.installation().snapshotComponents();
        served = new ServedSnapshots(snapshot.catalog(), snapshot.plan(), parceler.installation().volume().disk(), snapshot.changes(),
                clock, ticks::get, snapshot.switchGrace(), parceler.installation().repositoryComponents().rings(), snapshot.sightings());
    }

    @AfterEach
    void stop() {
        parceler.close();
    }

    @Test
    void underTheStrictPolicyTheNextSnapshotIsServedTheMomentItHasAgedTheDelay() {
        parceler.createRepository("base", 1);
        assertThat(parceler.run("repo:edit", "base", "--policy", "strict").exitCode()).isZero();
        parceler.snapshot("base", "2026-11-19T00:00:00+00:00");
        parceler.snapshot("base", "2026-11-21T00:00:00+00:00");
        Repository repository = parceler.installation().repositoryComponents().repositories().get("base");

        assertThat(folder(repository)).isEqualTo("2026-11-19T00:00:00+00:00");
        clock.set(Instant.parse("2026-11-21T23:59:59Z"));
        assertThat(folder(repository)).as("a second before the newer one has aged a day").isEqualTo("2026-11-19T00:00:00+00:00");
        clock.set(Instant.parse("2026-11-22T00:00:00Z"));
        assertThat(folder(repository)).as("once it has").isEqualTo("2026-11-21T00:00:00+00:00");
    }

    @Test
    void underTheWindowPolicyTheServedSnapshotIsLeftTheMomentItIsPastTheDelay() {
        parceler.createRepository("base", 1);
        parceler.snapshot("base", "2026-11-20T18:00:00+00:00");
        parceler.snapshot("base", "2026-11-21T06:00:00+00:00");
        Repository repository = parceler.installation().repositoryComponents().repositories().get("base");

        assertThat(folder(repository)).isEqualTo("2026-11-20T18:00:00+00:00");
        clock.set(Instant.parse("2026-11-21T18:00:00Z"));
        assertThat(folder(repository)).as("exactly a day old: still inside").isEqualTo("2026-11-20T18:00:00+00:00");
        clock.set(Instant.parse("2026-11-21T18:00:00.001Z"));
        assertThat(folder(repository)).as("past it").isEqualTo("2026-11-21T06:00:00+00:00");
    }

    private String folder(Repository repository) {
        return served.served(repository, Optional.empty()).orElseThrow().folder();
    }
}
