package dev.parceler.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.snapshot.CopyStats;
import dev.parceler.sync.JobRun.Kind;
import dev.parceler.sync.JobRun.Outcome;
import dev.parceler.sync.RunHistory;
import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.TestInstallations;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** repo:sync, repo:release (and repo:milestone), repo:runs, down and up as an operator sees them. */
@ExtendWith(TestInstallations.class)
class JobCommandsTest {
    private TestInstallation parceler;


    @BeforeEach
    void start(TestInstallation parceler) {
        this.parceler = parceler;
        parceler.createRepository("base", 7);
        parceler.createRepository("extra", 7);
    }

    @Test
    void syncDispatchesOneJobPerNameAndWarnsAboutUnknownOnes() throws Exception {
        ConsoleResult result = parceler.run("repo:sync", "base", "missing", "extra");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly("Dispatching sync for 'base'.", "Dispatching sync for 'extra'.");
        assertThat(result.errLines()).containsExactly("Repository 'missing' not found.");
        assertThat(parceler.jobNames("ENQUEUED")).containsExactlyInAnyOrder("sync base", "sync extra");
    }

    @Test
    void theOldNamesAreAliases() throws Exception {
        assertThat(parceler.run("repository:sync", "base").exitCode()).isZero();
        assertThat(parceler.run("repository:release", "base").outLines()).containsExactly("Release for base dispatched.");
        assertThat(parceler.run("repository:milestone", "base").outLines()).containsExactly("Milestone release for base dispatched.");
        assertThat(parceler.jobNames("ENQUEUED")).containsExactlyInAnyOrder("sync base", "release base", "release base");
    }

    @Test
    void releaseDispatchesAJob() throws Exception {
        ConsoleResult result = parceler.run("repo:release", "base");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly("Release for base dispatched.");
        assertThat(parceler.jobNames("ENQUEUED")).containsExactly("release base");
    }

    @Test
    void milestoneIsTheReleaseUnderItsOldName() throws Exception {
        ConsoleResult result = parceler.run("repo:milestone", "base");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly("Milestone release for base dispatched.");
        assertThat(parceler.jobNames("ENQUEUED")).containsExactly("release base");
    }

    @Test
    void runsRecordedAsMilestonesShowAsReleases() throws Exception {
        try (var connection = parceler.installation().database().dataSource().getConnection();
                var insert = connection.prepareStatement("INSERT INTO job_runs (repository, kind, started_at, finished_at, outcome)"
                        + " VALUES ('base', 'milestone', '2026-11-20T10:00:00Z', '2026-11-20T10:00:05Z', 'succeeded')")) {
            insert.executeUpdate();
        }

        ConsoleResult result = parceler.run("repo:runs", "base", "--json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("\"kind\" : \"release\"").doesNotContain("milestone");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"repo:release", "repo:milestone"})
    void releaseOfAnUnknownRepositoryFailsAndEnqueuesNothing(String command) throws Exception {
        parceler.refuses("Repository 'missing' not found.", command, "missing");

        assertThat(parceler.jobNames("ENQUEUED")).isEmpty();
    }

    @Test
    void createWithSyncEnqueuesTheFirstSync() throws Exception {
        ConsoleResult result = parceler.run("repo:create", "--name", "fresh", "--command", "true", "--source-folder", "",
                "--delay", "7", "--sync");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly("Repository 'fresh' created, sync will be started.");
        assertThat(parceler.jobNames("ENQUEUED")).containsExactly("sync fresh");
    }

    @Test
    void runsShowsTheHistoryNewestFirst() throws Exception {
        recordRuns();

        ConsoleResult table = parceler.run("repo:runs", "base");
        ConsoleResult json = parceler.run("repository:runs", "base", "--json");

        assertThat(table.exitCode()).isZero();
        assertThat(table.outLines()).containsExactly(
                "+------+---------------------+----------+-----------+------+---------------------------+-------------+-----------------+-----------------------------------+",
                "| Kind | Started             | Duration | Outcome   | Exit | Snapshot                  | Copied      | Linked          | Message                           |",
                "+------+---------------------+----------+-----------+------+---------------------------+-------------+-----------------+-----------------------------------+",
                "| sync | 2026-11-22 12:00:00 | 1m30s    | succeeded | 0    | 2026-11-22T12:00:00+00:00 | 3 (1.5 MiB) | 997 (510.0 MiB) | deleted 2026-11-01T00:00:00+00:00 |",
                "| sync | 2026-11-21 12:00:00 | 5s       | failed    | 23   | -                         | -           | -               | the sync command exited with 23   |",
                "+------+---------------------+----------+-----------+------+---------------------------+-------------+-----------------+-----------------------------------+");
        String golden = new String(Objects.requireNonNull(getClass().getResourceAsStream("/golden/repo-runs.json")).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(json.out().strip()).isEqualTo(golden.strip());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown runs|repo:runs,missing|Repository 'missing' not found.",
        "bad limit|repo:runs,base,--limit,0|--limit must be 1 or more.",
        "bad retry|down,--retry,soon|--retry must be a whole number of seconds from 1 to 9999999, got 'soon'.",
        "zero retry|down,--retry,0|--retry must be a whole number of seconds from 1 to 9999999, got '0'.",
        "short secret|down,--secret,abc|--secret must be 8 to 200 letters, digits, '-' or '_'.",
        "bad secret|down,--secret,has/slash-and-more|--secret must be 8 to 200 letters, digits, '-' or '_'.",
        "no names|repo:sync|Missing required parameter: '<name>' (see 'parceler repo:sync --help')",
    })
    void badInputIsOneLineExitOneAndChangesNothing(String label, String arguments, String error) {
        parceler.refuses(error, arguments.split(","));
    }

    @Test
    void downAndUp() {
        ConsoleResult down = parceler.run("down", "--retry", "60", "--secret", "let-me-in-1234");
        assertThat(down.outLines()).containsExactly("Application is now in maintenance mode.");
        assertThat(parceler.installation().maintenance().current()).hasValueSatisfying(state -> {
            assertThat(state.retryAfter()).contains(60);
            assertThat(state.secretHash()).as("the secret is kept only as a hash").isPresent().get().asString()
                    .doesNotContain("let-me-in").hasSize(64);
        });
        assertThat(parceler.databaseContent()).noneMatch(row -> row.contains("let-me-in"));

        assertThat(parceler.run("down").outLines()).containsExactly("Application is already down.");
        assertThat(parceler.run("up").outLines()).containsExactly("Application is now live.");
        assertThat(parceler.installation().maintenance().isDown()).isFalse();
        assertThat(parceler.run("up").outLines()).containsExactly("Application is already up.");
    }

    private void recordRuns() {
        RunHistory runs = parceler.installation().jobs().runs();
        long failed = runs.start("base", Kind.SYNC, new UUID(0, 1));
        parceler.clock().advance(Duration.ofSeconds(5));
        runs.finish(failed, new RunHistory.Ending(Outcome.FAILED, 23, List.of("rclone: error 23"),
                "the sync command exited with 23", null, null));
        parceler.clock().set(java.time.Instant.parse("2026-11-22T12:00:00Z"));
        long succeeded = runs.start("base", Kind.SYNC, new UUID(0, 2));
        parceler.clock().advance(Duration.ofSeconds(90));
        runs.finish(succeeded, new RunHistory.Ending(Outcome.SUCCEEDED, 0, List.of("Transferred: 3 / 3"),
                "deleted 2026-11-01T00:00:00+00:00", "2026-11-22T12:00:00+00:00",
                new CopyStats(3, 997, 3L * 512 * 1024, 510L * 1024 * 1024)));
        parceler.run("repo:sync", "extra");
    }
}
