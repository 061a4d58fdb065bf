package dev.parceler.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.repository.DelayPolicy;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositorySettings;
import dev.parceler.repository.Ring;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.TestInstallations;
import dev.parceler.testing.Trees;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestInstallations.class)
class SnapshotCleanerTest {
    // The clock stands at 2026-11-21T12:00:00Z; the delay is 7 days: the window opens 2026-11-14T12:00:00Z.
    static final String OLDEST = "2026-11-01T00:00:00+00:00";
    static final String OLD = "2026-11-10T00:00:00+00:00";
    static final String IN_WINDOW = "2026-11-15T00:00:00+00:00";
    static final String NEWEST = "2026-11-21T00:00:00+00:00";

    private TestInstallation parceler;
    private Path snapshots;

    @BeforeEach
    void start(TestInstallation parceler) {
        this.parceler = parceler;
        parceler.createRepository("base", 7);
        for (String name : new String[] {OLDEST, OLD, IN_WINDOW, NEWEST, "known-good"}) {
            parceler.snapshot("base", name, Map.of("Packages", name));
        }
        snapshots = parceler.storageRoot().resolve("snapshots/base");
    }

    private Repository base() {
        return parceler.installation().repositoryComponents().repositories().get("base");
    }

    @Test
    void deletesSnapshotsOlderThanTheDelayButNotFoldersMadeByHand() {
        assertThat(parceler.installation().snapshotComponents().cleaner().clean(base())).containsExactly(OLDEST, OLD);

        assertThat(Trees.names(snapshots)).containsExactly(IN_WINDOW, NEWEST, "known-good");
    }

    @Test
    void neverDeletesTheServedSnapshotEvenWhenItIsPastTheDelay() {
        parceler.installation().volume().disk().deleteFolder("snapshots/base/" + IN_WINDOW);
        parceler.installation().volume().disk().deleteFolder("snapshots/base/" + NEWEST);

        assertThat(parceler.installation().snapshotComponents().cleaner().clean(base())).containsExactly(OLDEST);
        assertThat(Trees.names(snapshots)).containsExactly(OLD, "known-good");
    }

    @Test
    void neverDeletesTheFrozenFolder() {
        parceler.installation().snapshotComponents().freezes().freeze("base", OLDEST);

        assertThat(parceler.installation().snapshotComponents().cleaner().clean(base())).containsExactly(OLD);
        assertThat(Trees.names(snapshots)).containsExactly(OLDEST, IN_WINDOW, NEWEST, "known-good");
    }

    @Test
    void aMilestoneKeepsOnlyItsSnapshotAndTheFrozenFolder() {
        parceler.installation().snapshotComponents().freezes().freeze("base", OLD);

        assertThat(parceler.installation().snapshotComponents().cleaner().release(base(), NEWEST)).containsExactly(OLDEST, IN_WINDOW);
        assertThat(Trees.names(snapshots)).containsExactly(OLD, NEWEST, "known-good");
    }

    @Test
    void keepsTheLastSnapshotsServedEvenWhenPastTheDelay() {
        parceler.installation().volume().disk().deleteFolder("snapshots/base/" + OLDEST);
        // Two days ago OLD was inside the window and served; cleanup then recorded it.
        parceler.clock().advance(java.time.Duration.ofDays(-7));
        assertThat(parceler.installation().snapshotComponents().cleaner().clean(base())).isEmpty();
        parceler.clock().advance(java.time.Duration.ofDays(7));

        assertThat(parceler.installation().snapshotComponents().cleaner().clean(base())).as("OLD is past the delay but was served").isEmpty();
        assertThat(Trees.names(snapshots)).containsExactly(OLD, IN_WINDOW, NEWEST, "known-good");

        // The window moves on: NEWEST is served, IN_WINDOW and NEWEST are the last two served, OLD goes.
        parceler.clock().advance(java.time.Duration.ofDays(7));
        assertThat(parceler.installation().snapshotComponents().cleaner().clean(base())).containsExactly(OLD);
        assertThat(Trees.names(snapshots)).containsExactly(IN_WINDOW, NEWEST, "known-good");
        assertThat(parceler.installation().snapshotComponents().servedHistory().served("base", java.util.List.of(IN_WINDOW, NEWEST)))
                .containsExactly(NEWEST, IN_WINDOW);
    }

    @Test
    void keepingNoServedSnapshotIsTheOldRule() {
        parceler.env("REPOSITORY_KEEP_SERVED", "0");
        parceler.clock().advance(java.time.Duration.ofDays(-7));
        parceler.installation().snapshotComponents().cleaner().clean(base());
        parceler.clock().advance(java.time.Duration.ofDays(7));

        assertThat(parceler.installation().snapshotComponents().cleaner().clean(base())).containsExactly(OLD);
    }

    @Test
    void underTheStrictPolicyTheServedSnapshotIsPastTheDelayAndKept() {
        parceler.installation().repositoryComponents().repositories().edit("base",
                RepositorySettings.of(base()).withPolicy(DelayPolicy.STRICT));

        assertThat(parceler.installation().snapshotComponents().catalog().served(base()).map(ServedSnapshot::folder)).contains(OLD);
        assertThat(parceler.installation().snapshotComponents().cleaner().clean(base())).containsExactly(OLDEST);
        assertThat(Trees.names(snapshots)).containsExactly(OLD, IN_WINDOW, NEWEST, "known-good");
    }

    @Test
    void aReleaseIsServedAtOnceAndKeepsTheSnapshotServedBeforeAsTheWayBack() {
        assertThat(parceler.installation().snapshotComponents().catalog().served(base()).map(ServedSnapshot::folder)).contains(IN_WINDOW);

        assertThat(parceler.installation().snapshotComponents().cleaner().release(base(), NEWEST)).containsExactly(OLDEST, OLD);

        assertThat(Trees.names(snapshots)).containsExactly(IN_WINDOW, NEWEST, "known-good");
        assertThat(base().released()).contains(NEWEST);
        assertThat(parceler.installation().snapshotComponents().catalog().served(base()).map(ServedSnapshot::folder)).contains(NEWEST);
        // Past the grace the snapshot served before stays only as the way back; the delay never serves it again.
        parceler.clock().advance(java.time.Duration.ofDays(1));
        assertThat(parceler.installation().snapshotComponents().cleaner().clean(base())).isEmpty();
        assertThat(parceler.installation().snapshotComponents().catalog().served(base()).map(ServedSnapshot::folder)).contains(NEWEST);
    }

    @Test
    void withoutGraceNorKeptSnapshotsAReleaseDeletesEveryOtherTimestampedSnapshot() {
        parceler.env("SWITCH_GRACE", "0");
        parceler.env("REPOSITORY_KEEP_SERVED", "0");

        assertThat(parceler.installation().snapshotComponents().cleaner().release(base(), NEWEST)).containsExactly(OLDEST, OLD, IN_WINDOW);
        assertThat(Trees.names(snapshots)).containsExactly(NEWEST, "known-good");
    }

    @Test
    void cleanupKeepsASnapshotAMachineIsPinnedToUntilTheGraceEnds() {
        parceler.env("REPOSITORY_KEEP_SERVED", "0");
        parceler.installation().snapshotComponents().switchGrace().pin("base", "machine-1", "feed", OLD);
        parceler.clock().advance(java.time.Duration.ofMinutes(14));

        assertThat(parceler.installation().snapshotComponents().cleaner().clean(base())).containsExactly(OLDEST);
        assertThat(parceler.installation().snapshotComponents().switchGrace().pinned("base", "machine-1", "feed")).contains(OLD);

        parceler.clock().advance(java.time.Duration.ofMinutes(2));
        assertThat(parceler.installation().snapshotComponents().switchGrace().pinned("base", "machine-1", "feed")).isEmpty();
        assertThat(parceler.installation().snapshotComponents().cleaner().clean(base())).containsExactly(OLD);
    }

    @Test
    void cleanupKeepsASnapshotServedWithinTheGrace() {
        parceler.env("REPOSITORY_KEEP_SERVED", "0");
        // serve noticed a switch away from OLD a minute ago.
        parceler.installation().snapshotComponents().switchGrace().switched("base", java.util.Optional.of(OLD), IN_WINDOW);
        parceler.clock().advance(java.time.Duration.ofMinutes(1));

        assertThat(parceler.installation().snapshotComponents().switchGrace().previouslyServed("base", IN_WINDOW)).containsExactly(OLD);
        assertThat(parceler.installation().snapshotComponents().cleaner().clean(base())).containsExactly(OLDEST);

        parceler.clock().advance(java.time.Duration.ofMinutes(15));
        assertThat(parceler.installation().snapshotComponents().switchGrace().previouslyServed("base", IN_WINDOW)).isEmpty();
        assertThat(parceler.installation().snapshotComponents().cleaner().clean(base())).containsExactly(OLD);
    }

    @Test
    void aSlowRingKeepsTheSnapshotsItServesAndWillServe() {
        parceler.env("REPOSITORY_KEEP_SERVED", "0");
        // A ring 25 days behind: it serves OLDEST (the oldest within 25 days) and will serve OLD next.
        parceler.installation().repositoryComponents().rings().add("base", new Ring("slow", 0, 25, 0, Set.of()), Integer.MAX_VALUE);

        assertThat(parceler.installation().snapshotComponents().cleaner().clean(base())).isEmpty();
        assertThat(Trees.names(snapshots)).containsExactly(OLDEST, OLD, IN_WINDOW, NEWEST, "known-good");

        // Without it, OLD goes at once; OLDEST, served by the ring a moment ago, once the switch grace is over.
        parceler.installation().repositoryComponents().rings().remove("base", "slow");
        assertThat(parceler.installation().snapshotComponents().cleaner().clean(base())).containsExactly(OLD);
        parceler.clock().advance(java.time.Duration.ofMinutes(16));
        assertThat(parceler.installation().snapshotComponents().cleaner().clean(base())).containsExactly(OLDEST);
    }
}
