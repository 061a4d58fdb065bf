package dev.parceler.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.TestInstallations;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestInstallations.class)
class RepoRollbackCommandTest {
    // The clock stands at 2026-11-21T12:00:00Z; the delay is 7 days.
    static final String OLD = "2026-11-10T00:00:00+00:00";
    static final String SERVED = "2026-11-16T00:00:00+00:00";

    private TestInstallation parceler;


    @BeforeEach
    void start(TestInstallation parceler) {
        this.parceler = parceler;
        parceler.createRepository("base", 7);
        parceler.snapshot("base", OLD, Map.of("Packages", "old"));
        parceler.snapshot("base", SERVED, Map.of("Packages", "served"));
    }

    @Test
    void withoutAnEarlierServedSnapshotANameIsNeeded() {
        parceler.refuses("Repository 'base' has no earlier served snapshot to roll back to; name one: repo:rollback base <snapshot>.",
                "repo:rollback", "base");

        ConsoleResult named = parceler.run("repo:rollback", "base", OLD);
        assertThat(named.exitCode()).as(named.toString()).isZero();
        assertThat(parceler.installation().repositoryComponents().repositories().get("base").freeze()).contains(OLD);
        assertThat(parceler.installation().repositoryComponents().repositories().get("base").rollback()).isTrue();
        assertThat(parceler.run("repo:list").out()).contains("| Yes (rollback) |");
    }

    @Test
    void badTargetsAreRefusedAndChangeNothing() {
        parceler.refuses("Snapshot 'gone' of repository 'base' does not exist in snapshots/base; 'repo:snapshots base' lists them.",
                "repo:rollback", "base", "gone");
        parceler.refuses("Repository 'base' serves '" + SERVED + "' already.", "repo:rollback", "base", SERVED);
        parceler.refuses("--reason must be one line of text.", "repo:rollback", "base", OLD, "--reason", " ");
        parceler.refuses("Repository 'nope' not found.", "repo:rollback", "nope");
    }

    @Test
    void aRollbackReplacesAPlainFreezeAndAPlainFreezeIsNotARollback() {
        parceler.run("repo:freeze", "base", SERVED);
        assertThat(parceler.run("repo:list").out()).contains("| Yes         |");

        assertThat(parceler.run("repository:rollback", "base", OLD, "--reason", "bad luci").exitCode()).isZero();

        assertThat(parceler.installation().repositoryComponents().repositories().get("base").freeze()).contains(OLD);
        assertThat(parceler.run("repo:runs", "base", "--json").out())
                .contains("\"kind\" : \"rollback\"", "rolled back from " + SERVED + " to " + OLD + " by ", ": bad luci");
        parceler.run("repo:unfreeze", "base");
        assertThat(parceler.installation().repositoryComponents().repositories().get("base").rollback()).isFalse();
        parceler.run("repo:freeze", "base", OLD);
        assertThat(parceler.installation().repositoryComponents().repositories().get("base").rollback()).as("a later freeze is a plain one").isFalse();
    }
}
