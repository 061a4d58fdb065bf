package dev.parceler.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.repository.Repository;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.Trees;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotCleanerTest {
    // The clock stands at 2026-11-21T12:00:00Z; the delay is 7 days: the window opens 2026-11-14T12:00:00Z.
    static final String OLDEST = "2026-11-01T00:00:00+00:00";
    static final String OLD = "2026-11-10T00:00:00+00:00";
    static final String IN_WINDOW = "2026-11-15T00:00:00+00:00";
    static final String NEWEST = "2026-11-21T00:00:00+00:00";

    @TempDir
    Path home;
    private TestInstallation parceler;
    private Path snapshots;

    @BeforeEach
    void start() {
        parceler = TestInstallation.in(home);
        parceler.createRepository("base", 7);
        for (String name : new String[] {OLDEST, OLD, IN_WINDOW, NEWEST, "known-good"}) {
            parceler.snapshot("base", name, Map.of("Packages", name));
        }
        snapshots = parceler.storageRoot().resolve("snapshots/base");
    }

    @AfterEach
    void stop() {
        parceler.close();
    }

    private Repository base() {
        return parceler.installation().repositories().get("base");
    }

    @Test
    void deletesSnapshotsOlderThanTheDelayButNotFoldersMadeByHand() {
        assertThat(parceler.installation().cleaner().clean(base())).containsExactly(OLDEST, OLD);

        assertThat(Trees.names(snapshots)).containsExactly(IN_WINDOW, NEWEST, "known-good");
    }

    @Test
    void neverDeletesTheServedSnapshotEvenWhenItIsPastTheDelay() {
        parceler.installation().disk().deleteFolder("snapshots/base/" + IN_WINDOW);
        parceler.installation().disk().deleteFolder("snapshots/base/" + NEWEST);

        assertThat(parceler.installation().cleaner().clean(base())).containsExactly(OLDEST);
        assertThat(Trees.names(snapshots)).containsExactly(OLD, "known-good");
    }

    @Test
    void neverDeletesTheFrozenFolder() {
        parceler.run("repo:freeze", "base", OLDEST);

        assertThat(parceler.installation().cleaner().clean(base())).containsExactly(OLD);
        assertThat(Trees.names(snapshots)).containsExactly(OLDEST, IN_WINDOW, NEWEST, "known-good");
    }

    @Test
    void aMilestoneKeepsOnlyItsSnapshotAndTheFrozenFolder() {
        parceler.run("repo:freeze", "base", OLD);

        assertThat(parceler.installation().cleaner().keepOnly(base(), NEWEST)).containsExactly(OLDEST, IN_WINDOW);
        assertThat(Trees.names(snapshots)).containsExactly(OLD, NEWEST, "known-good");
    }
}
