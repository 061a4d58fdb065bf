package dev.parceler.parity;

import static dev.parceler.parity.ParityConsole.atom;
import static dev.parceler.parity.ParityConsole.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.repository.NewRepository;
import dev.parceler.sync.JobRun;
import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.TestInstallations;
import dev.parceler.testing.Trees;
import dev.parceler.worker.TestWorker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Upstream's {@code tests/Feature/SyncRepositoryTest.php}: the sync job, its snapshot and its cleanup, run by a worker. */
@ExtendWith(TestInstallations.class)
class SyncRepositoryParityIT {
    static final String NEW = atom(Duration.ZERO);
    static final String CLEANUP = "A cleanup after a sync never deletes the snapshot the delay serves";

    private TestInstallation parceler;

    @BeforeEach
    void open(TestInstallation parceler) {
        this.parceler = parceler;
    }

    private void create(String name, String command, Optional<String> subDir, int delay) {
        parceler.installation().repositoryComponents().repositories().create(new NewRepository(name, command, subDir, delay));
    }

    private JobRun sync(String name) throws Exception {
        TestWorker.on(parceler).sync(name, UUID.randomUUID());
        return parceler.installation().jobs().runs().recent(name, 1).get(0);
    }

    @Test
    @DisplayName("test runs command correctly")
    @Differs("A sync command runs at most `SYNC_TIMEOUT` seconds")
    void theRepositorysCommandRunsAndItsSnapshotIsMade() throws Exception {
        create("base", "echo synced; echo upstream > \"$PARCELER_SOURCE_DIR/file.txt\"", Optional.empty(), 7);

        JobRun run = sync("base");

        assertThat(run.outcome()).isEqualTo(JobRun.Outcome.SUCCEEDED);
        assertThat(run.output()).contains("synced");
        assertThat(run.snapshot()).contains(NEW);
        assertThat(parceler.storageRoot().resolve("snapshots/base/" + NEW + "/file.txt")).hasContent("upstream");
    }

    @Test
    @DisplayName("test can sync repository from command line")
    void repositorySyncQueuesOneSyncPerRepository() {
        for (String name : new String[] {"first", "second", "third"}) {
            parceler.createRepository(name, 7);
        }

        ConsoleResult result = parceler.run("repository:sync", "first", "second", "third");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(parceler.jobNames("ENQUEUED")).containsExactlyInAnyOrder("sync first", "sync second", "sync third");
    }

    @Test
    @DisplayName("test repository upstream processing")
    void theSnapshotIsTheSourceFolderOfTheRepositorysUpstream() throws Exception {
        create("base", "true", Optional.of("example"), 7);
        Path source = parceler.storageRoot().resolve("source/base/example");
        for (int i = 1; i <= 3; i++) {
            Trees.write(source.resolve("file" + i + ".txt"), "file" + i);
        }

        sync("base");

        assertThat(Trees.contents(parceler.storageRoot().resolve("snapshots/base/" + NEW)))
                .containsAllEntriesOf(Map.of("file1.txt", "file1", "file2.txt", "file2", "file3.txt", "file3"));
    }

    @Test
    @DisplayName("test cleanup old directories")
    @Differs(CLEANUP)
    void snapshotsPastTheDelayAreDeletedButTheServedOne() throws Exception {
        create("base", "true", Optional.empty(), 2);
        for (int days = 3; days >= 1; days--) {
            parceler.snapshot("base", daysAgo(days));
        }

        sync("base");

        assertThat(Trees.names(parceler.storageRoot().resolve("snapshots/base")))
                .containsExactly(daysAgo(2), daysAgo(1), NEW);
    }

    @Test
    @DisplayName("test cleanup old directories with frozen dir")
    @Differs(CLEANUP)
    void theFrozenFolderIsNeverDeleted() throws Exception {
        create("base", "true", Optional.empty(), 2);
        for (int days = 3; days >= 1; days--) {
            parceler.snapshot("base", daysAgo(days));
        }
        parceler.snapshot("base", "frozen_dir");
        assertThat(parceler.run("repo:freeze", "base", "frozen_dir").exitCode()).isZero();

        sync("base");

        assertThat(Trees.names(parceler.storageRoot().resolve("snapshots/base")))
                .contains("frozen_dir", daysAgo(1), NEW).doesNotContain(daysAgo(3));
    }
}
