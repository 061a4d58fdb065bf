package dev.parceler.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.repository.Repository;
import dev.parceler.testing.CapturedLog;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.TestInstallations;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the catalog logs when a repository is served past its delay: once per change, not on every look-up. */
@ExtendWith(TestInstallations.class)
class SnapshotCatalogTest {
    // The clock stands at 2026-11-21T12:00:00Z; with a delay of 7 days the window opens 2026-11-14T12:00:00Z.
    static final String OLD = "2026-11-01T00:00:00+00:00";
    static final String LESS_OLD = "2026-11-10T00:00:00+00:00";
    static final String IN_WINDOW = "2026-11-15T00:00:00+00:00";

    private TestInstallation parceler;

    @BeforeEach
    void start(TestInstallation parceler) {
        this.parceler = parceler;
    }

    private Repository repository(String name) {
        return parceler.installation().repositoryComponents().repositories().get(name);
    }

    /** Looks up the served snapshot as downloads and freezes do: through the installation each time. */
    private void serve(String name, int times) {
        for (int i = 0; i < times; i++) {
            parceler.installation().snapshotComponents().catalog().served(repository(name));
        }
    }

    @Test
    void servingTheNewestPastTheDelayIsWarnedOncePerServedSnapshot() {
        parceler.createRepository("base", 7);
        parceler.snapshot("base", OLD);

        try (CapturedLog log = new CapturedLog()) {
            serve("base", 3);
            parceler.snapshot("base", LESS_OLD);
            serve("base", 3);

            assertThat(log.lines(SnapshotCatalog.class)).containsExactly(
                    "WARN Repository 'base' has no snapshot within its delay of 7 days; serving the newest, '" + OLD + "'.",
                    "WARN Repository 'base' has no snapshot within its delay of 7 days; serving the newest, '" + LESS_OLD + "'.");
        }
    }

    @Test
    void aFallbackAgainAfterServingWithinTheDelayIsWarnedAgain() throws Exception {
        parceler.createRepository("base", 7);
        parceler.snapshot("base", OLD);
        String warning = "WARN Repository 'base' has no snapshot within its delay of 7 days; serving the newest, '" + OLD + "'.";

        try (CapturedLog log = new CapturedLog()) {
            serve("base", 2);
            Path recent = parceler.snapshot("base", IN_WINDOW);
            serve("base", 2);
            // Deleted by hand: the repository falls back to the old snapshot once more.
            Files.delete(recent);
            serve("base", 2);

            assertThat(log.lines(SnapshotCatalog.class)).containsExactly(warning, warning);
        }
    }

    @Test
    void aDelayOfZeroDaysServesTheNewestAsMeantAndSaysSoOnceAtInfo() {
        parceler.createRepository("edge", 0);
        parceler.createRepository("base", 7);
        parceler.snapshot("edge", LESS_OLD);
        parceler.snapshot("base", OLD);

        try (CapturedLog log = new CapturedLog()) {
            serve("edge", 3);
            serve("base", 2);
            serve("edge", 2);

            assertThat(log.lines(SnapshotCatalog.class)).containsExactly(
                    "INFO Repository 'edge' has a delay of 0 days; serving its newest snapshot, '" + LESS_OLD + "'.",
                    "WARN Repository 'base' has no snapshot within its delay of 7 days; serving the newest, '" + OLD + "'.");
        }
    }
}
