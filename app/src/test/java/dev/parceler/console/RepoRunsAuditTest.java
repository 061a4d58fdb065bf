package dev.parceler.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.audit.AuditLog;
import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.TestInstallations;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The console's actions as {@code repo:runs} shows them. */
@ExtendWith(TestInstallations.class)
class RepoRunsAuditTest {
    private TestInstallation parceler;

    @BeforeEach
    void open(TestInstallation parceler) {
        this.parceler = parceler.env("APP_TIMEZONE", "UTC");
        parceler.clock().set(Instant.parse("2026-11-26T12:00:00Z"));
        parceler.createRepository("base", 7);
        parceler.createRepository("other", 7);
        AuditLog audit = parceler.installation().audit();
        audit.record("base", "freeze", Optional.of("2026-11-20T00:00:00+00:00"), "broken VPN", "alice");
        parceler.clock().advance(Duration.ofMinutes(5));
        audit.record("base", "unfreeze", Optional.empty(), "fixed upstream", "bob");
        audit.record("other", "sync", Optional.empty(), "not this one", "alice");
    }

    @Test
    void repoRunsListsTheActionsNewestFirstAfterTheRuns() {
        ConsoleResult table = parceler.run("repo:runs", "base");
        assertThat(table.out()).contains("Console actions:");
        String actions = table.out().substring(table.out().indexOf("Console actions:"));
        assertThat(actions).contains("| 2026-11-26 12:05:00 | bob   | unfreeze | -").contains("fixed upstream")
                .contains("| 2026-11-26 12:00:00 | alice | freeze   | 2026-11-20T00:00:00+00:00 | broken VPN")
                .doesNotContain("not this one");
        assertThat(actions.indexOf("bob")).isLessThan(actions.indexOf("alice"));
    }

    @Test
    void auditJsonIsAnArrayOfActions() {
        ConsoleResult json = parceler.run("repo:runs", "base", "--audit", "--json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        assertThat(json.out().replaceAll("\\s+", "")).isEqualTo("[{\"at\":\"2026-11-26T12:05:00Z\",\"admin\":\"bob\",\"action\":\"unfreeze\","
                + "\"snapshot\":null,\"reason\":\"fixedupstream\"},{\"at\":\"2026-11-26T12:00:00Z\",\"admin\":\"alice\",\"action\":\"freeze\","
                + "\"snapshot\":\"2026-11-20T00:00:00+00:00\",\"reason\":\"brokenVPN\"}]");
        assertThat(parceler.run("repo:runs", "base", "--json").out()).as("the runs' format is unchanged").doesNotContain("alice");
    }
}
