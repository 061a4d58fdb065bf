package dev.parceler.parity;

import static dev.parceler.parity.ParityConsole.atom;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.repository.NewRepository;
import dev.parceler.sync.JobRun;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.TestInstallations;
import dev.parceler.testing.Trees;
import dev.parceler.worker.TestWorker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Upstream's {@code tests/Feature/Jobs/ReleaseTest.php}: the release job, run by a worker. Upstream's
 * test fakes the sync and freezes on the newest folder there is; Parceler's release syncs for real and
 * serves the snapshot it makes ({@link #NEW}), so the folders here are all older than the release.
 */
@ExtendWith(TestInstallations.class)
class ReleaseParityIT {
    /** The snapshot the release makes, at the installation's time. */
    static final String NEW = atom(Duration.ZERO);
    static final String RELEASE = "A release does not freeze the repository on the newest snapshot";

    private TestInstallation parceler;

    @BeforeEach
    void open(TestInstallation parceler) {
        this.parceler = parceler;
        parceler.installation().repositoryComponents().repositories().create(new NewRepository("base",
                "echo released > \"$PARCELER_SOURCE_DIR/file.txt\"", Optional.empty(), 7));
    }

    private static String hoursAgo(int hours) {
        return atom(Duration.ofHours(hours));
    }

    private void folders(String... names) {
        for (String name : names) {
            parceler.snapshot("base", name);
        }
    }

    private JobRun release() throws Exception {
        TestWorker.on(parceler).release("base", UUID.randomUUID());
        return parceler.installation().jobs().runs().recent("base", 1).get(0);
    }

    private List<String> left() {
        return Trees.names(parceler.storageRoot().resolve("snapshots/base"));
    }

    private void servesTheNewSnapshotUnfrozen() {
        assertThat(parceler.installation().repositoryComponents().repositories().get("base").freeze()).isEmpty();
        assertThat(parceler.run("repo:snapshots", "base").out()).contains("| " + NEW + " | Yes    |");
        assertThat(parceler.storageRoot().resolve("snapshots/base/" + NEW + "/file.txt")).hasContent("released");
    }

    @Test
    @DisplayName("test it syncs repository and freezes to the most recent snapshot")
    @Differs(RELEASE)
    void theReleaseSyncsAndServesItsNewSnapshot() throws Exception {
        folders(atom(Duration.ofDays(1)), hoursAgo(1));

        JobRun run = release();

        assertThat(run.kind()).isEqualTo(JobRun.Kind.RELEASE);
        assertThat(run.outcome()).isEqualTo(JobRun.Outcome.SUCCEEDED);
        servesTheNewSnapshotUnfrozen();
    }

    @Test
    @DisplayName("test it filters out non-DATE_ATOM directories")
    @Differs(RELEASE)
    void foldersNotNamedByATimeAreNeitherServedNorDeleted() throws Exception {
        folders(hoursAgo(1), "invalid-dir", "another-invalid");

        release();

        servesTheNewSnapshotUnfrozen();
        assertThat(left()).containsExactly(hoursAgo(1), NEW, "another-invalid", "invalid-dir");
    }

    @Test
    @DisplayName("test it creates deletion jobs for old snapshots in correct order")
    @Differs(RELEASE)
    void theOlderTimestampedSnapshotsAreDeletedButTheWayBack() throws Exception {
        folders(atom(Duration.ofDays(3)), atom(Duration.ofDays(2)), atom(Duration.ofDays(1)), hoursAgo(1));

        JobRun run = release();

        servesTheNewSnapshotUnfrozen();
        assertThat(left()).as("the one the delay served until now stays, as the way back").containsExactly(atom(Duration.ofDays(3)), NEW);
        assertThat(run.message().orElseThrow()).contains(atom(Duration.ofDays(2)), atom(Duration.ofDays(1)), hoursAgo(1));
    }

    @Test
    @DisplayName("test it does not create deletion batch when only one snapshot exists")
    void withOneSnapshotNothingIsDeleted() throws Exception {
        folders(hoursAgo(1));

        release();

        assertThat(left()).containsExactly(hoursAgo(1), NEW);
    }

    @Test
    @DisplayName("test it handles empty snapshot directory")
    void withNoSnapshotTheReleaseMakesTheFirstAndFreezesNothing() throws Exception {
        JobRun run = release();

        assertThat(run.outcome()).isEqualTo(JobRun.Outcome.SUCCEEDED);
        servesTheNewSnapshotUnfrozen();
        assertThat(left()).containsExactly(NEW);
    }

    @Test
    @DisplayName("test it ignores existing freeze state")
    @Differs("`repo:release` of a frozen repository keeps the freeze")
    void aFreezeIsKeptAndTheNewSnapshotServedOnceUnfrozen() throws Exception {
        folders("old-frozen-snapshot");
        assertThat(parceler.run("repo:freeze", "base", "old-frozen-snapshot").exitCode()).isZero();

        release();

        assertThat(parceler.installation().repositoryComponents().repositories().get("base").freeze()).contains("old-frozen-snapshot");
        assertThat(parceler.run("repo:unfreeze", "base").exitCode()).isZero();
        assertThat(parceler.run("repo:snapshots", "base").out()).contains("| " + NEW + " | Yes    |");
    }

    @Test
    @DisplayName("test batch callbacks are configured correctly")
    @Differs(RELEASE)
    void theCleanupIsPartOfTheReleaseRunAndSaidInItsRecord() throws Exception {
        folders(hoursAgo(2), hoursAgo(1));

        JobRun run = release();

        assertThat(parceler.run("repo:runs", "base").out()).contains("release", "deleted " + hoursAgo(1));
        assertThat(run.message().orElseThrow()).contains("deleted " + hoursAgo(1));
    }

    @Test
    @DisplayName("test repository is frozen after release dispatch")
    @Differs(RELEASE)
    void theRepositoryIsNotFrozenButServesTheRelease() throws Exception {
        folders(hoursAgo(1), atom(Duration.ofMinutes(30)));

        release();

        servesTheNewSnapshotUnfrozen();
    }

    @Test
    @DisplayName("test it creates correct number of deletion jobs")
    void ofFiveSnapshotsFourAreDeleted() throws Exception {
        for (int i = 1; i <= 5; i++) {
            folders(hoursAgo(i));
        }

        release();

        // Upstream keeps the newest of the five; Parceler the one it served (the oldest within the delay) and its new one.
        assertThat(left()).containsExactly(hoursAgo(5), NEW);
    }

    @Test
    @DisplayName("test it handles mixed valid and invalid directory names")
    @Differs(RELEASE)
    void ofMixedFoldersOnlyTimestampedOnesAreDeleted() throws Exception {
        folders(hoursAgo(3), "not-a-date", hoursAgo(2), "temp", hoursAgo(1));

        release();

        servesTheNewSnapshotUnfrozen();
        assertThat(left()).containsExactly(hoursAgo(3), NEW, "not-a-date", "temp");
    }
}
