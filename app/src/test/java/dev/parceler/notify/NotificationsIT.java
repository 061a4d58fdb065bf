package dev.parceler.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.sync.JobRun.Outcome;
import dev.parceler.testing.Background;
import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.Eventually;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.Trees;
import dev.parceler.testing.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notices through a real worker and a real scheduler to webhook receivers on loopback: one
 * notice per change of a repository's state however often it fails, retried after a 500, given
 * up after NOTIFY_GIVE_UP, never sent twice across a scheduler restart, and a test send.
 */
class NotificationsIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path home;
    private TestInstallation parceler;
    private WebhookReceiver receiver;
    private Map<String, String> environment;
    private long baseToDead;

    @BeforeEach
    void start() {
        receiver = new WebhookReceiver().answer("/generic", 500, 500).always("/dead", 500);
        environment = Map.of("APP_TIMEZONE", "UTC", "SYNC_TIMEOUT", "10", "NOTIFY_GIVE_UP", "10", "NOTIFY_WEBHOOKS",
                receiver.url("/generic") + ",slack:" + receiver.url("/slack") + "," + receiver.url("/dead"));
        parceler = TestInstallation.in(home);
        environment.forEach(parceler::env);
        Trees.write(home.resolve("upstream/Packages"), "index");
    }

    @AfterEach
    void stop() {
        parceler.close();
        receiver.close();
    }

    private void awaitPosts(String path, int count, String what) {
        Eventually.await(PATIENCE, what, () -> receiver.posts(path).size() >= count, () -> "posts to " + path + ": " + receiver.posts(path));
    }

    private long runs(String repository, Outcome outcome) {
        return parceler.installation().jobs().runs().recent(repository, 50).stream().filter(run -> run.outcome() == outcome).count();
    }

    @Test
    void aRepositoryFailingAgainAndAgainIsToldOnceRetriedGivenUpAndNeverTwice() {
        assertThat(parceler.run("repo:create", "--name", "base", "--command", "echo upstream is down; exit 7", "--source-folder", "",
                "--delay", "0", "--no-sync").exitCode()).isZero();
        try (Background worker = Background.start(home, environment, "worker", "worker")) {
            Background scheduler = Background.start(home, environment, "scheduler", "scheduler");
            try {
                Eventually.await(PATIENCE, "the scheduler's first step", () -> scheduler.log().contains("Scheduler started"));
                parceler.run("repo:sync", "base");
                Eventually.await(PATIENCE, "three failed runs (the job library's retries)", () -> runs("base", Outcome.FAILED) >= 3);

                awaitPosts("/slack", 1, "the failure told to slack");
                assertThat(receiver.posts("/slack").get(0)).isEqualTo("{\"text\":\"[Parceler] base: sync failed: the sync command"
                        + " exited with 7 (told once until a run of it succeeds again)\"}");
                awaitPosts("/generic", 3, "the generic webhook's notice, after two 500s");
                assertThat(receiver.posts("/generic")).hasSize(3).allSatisfy(body -> assertThat(body)
                        .startsWith("{\"event\":\"run_failed\",\"repository\":\"base\",\"text\":\"base: sync failed: the sync command"
                                + " exited with 7"));
                Eventually.await(PATIENCE, "the dead webhook's notice given up", () -> worker.alive()
                        && scheduler.log().contains("given up after"));
                baseToDead = receiver.posts("/dead").stream().filter(body -> body.contains("base: sync failed")).count();
                assertThat(baseToDead).as("tried with back-off until NOTIFY_GIVE_UP, not on every step").isBetween(2L, 5L);
                assertThat(receiver.posts("/slack")).as("three failures, one notice").hasSize(1);

                // Fixed: the next run succeeds, and that is told once too.
                parceler.run("repo:edit", "base", "--command", "cp -a " + home.resolve("upstream") + "/. \"$PARCELER_SOURCE_DIR\"/");
                parceler.run("repo:sync", "base");
                awaitPosts("/slack", 2, "the recovery told");
                assertThat(receiver.posts("/slack").get(1)).startsWith("{\"text\":\"[Parceler] base: sync succeeded again, snapshot ");
            } finally {
                scheduler.close();
            }

            // Another scheduler: what was told is not told again; what happens next is.
            try (Background again = Background.start(home, environment, "scheduler-2", "scheduler")) {
                parceler.run("repo:create", "--name", "other", "--command", "exit 3", "--source-folder", "", "--delay", "0", "--no-sync");
                parceler.run("repo:sync", "other");
                awaitPosts("/slack", 3, "the other repository's failure, found by the new scheduler");
                assertThat(receiver.posts("/slack")).hasSize(3);
                assertThat(receiver.posts("/slack").get(2)).contains("other: sync failed");
                assertThat(receiver.posts("/dead").stream().filter(body -> body.contains("base: sync failed")).count())
                        .as("a notice given up is not tried again").isEqualTo(baseToDead);
            }
        }
        assertThat(receiver.posts("/generic").stream().filter(body -> body.contains("\"event\":\"run_failed\",\"repository\":\"base\"")))
                .as("the base failure posted to the generic webhook until it took it: two 500s, one 200, no more").hasSize(3);
    }

    @Test
    void aTestSendSaysWhichWebhookTookIt() {
        ConsoleResult result = parceler.run("notify:test");
        assertThat(result.outLines()).containsExactly("generic webhook 1 (127.0.0.1): not delivered, answered 500",
                "slack webhook 2 (127.0.0.1): delivered", "generic webhook 3 (127.0.0.1): not delivered, answered 500");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(receiver.posts("/slack")).singleElement().asString().contains("a test notice from notify:test");
        assertThat(result.out() + result.err()).as("webhook URLs are not shown: they hold secrets").doesNotContain("/slack", "/dead");
    }
}
