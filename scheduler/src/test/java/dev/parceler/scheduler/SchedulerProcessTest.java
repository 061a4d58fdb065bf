package dev.parceler.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.auth.AuthorizationCache;
import dev.parceler.auth.AuthorizationClaims;
import dev.parceler.auth.Realm;
import dev.parceler.sync.JobRun;
import dev.parceler.sync.RunHistory;
import dev.parceler.testing.Eventually;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.TestInstallations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestInstallations.class)
class SchedulerProcessTest {
    private TestInstallation parceler;


    @BeforeEach
    void start(TestInstallation parceler) {
        this.parceler = parceler;
        parceler.createRepository("base", 7);
        parceler.createRepository("extra", 7);
    }

    private SchedulerProcess scheduler(String cron, ZoneId zone) {
        return SchedulerRoot.scheduler(parceler.installation(), cron, zone);
    }

    @Test
    void aStopEndsTheWaitBetweenTicksAtOnce() throws Exception {
        // Daily ticks: the loop waits its longest between steps (30 s) unless the stop ends the wait.
        SchedulerProcess scheduler = scheduler("0 0 * * *", ZoneId.of("UTC"));
        Thread loop = new Thread(scheduler, "scheduler-under-test");
        loop.start();
        Eventually.await(Duration.ofSeconds(10), "the loop waiting after its first step", () -> loop.getState() == Thread.State.TIMED_WAITING);

        long started = System.nanoTime();
        assertThat(scheduler.stopAndWait(Duration.ofSeconds(10))).as("the loop ended").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("without waiting out its sleep").isLessThan(Duration.ofSeconds(5));
        loop.join(1000);
        assertThat(loop.isAlive()).isFalse();
    }

    @Test
    void aNewInstallationOwesNoPastTick() {
        SchedulerProcess scheduler = scheduler("0 0 * * *", ZoneId.of("UTC"));

        assertThat(scheduler.runDueTick(parceler.clock().instant())).isEmpty();
        assertThat(parceler.jobNames(null)).isEmpty();
    }

    @Test
    void eachTickEnqueuesOneSyncPerRepositoryOnceAcrossRestartsAndSchedulers() throws Exception {
        SchedulerProcess first = scheduler("0 0 * * *", ZoneId.of("Europe/Rome"));
        first.runDueTick(parceler.clock().instant());
        Instant midnightInRome = Instant.parse("2026-11-21T23:00:00Z");

        assertThat(first.runDueTick(midnightInRome.minusSeconds(1))).isEmpty();
        assertThat(first.runDueTick(midnightInRome)).contains(midnightInRome);
        assertThat(first.runDueTick(midnightInRome.plusSeconds(30))).as("the same tick again").isEmpty();
        SchedulerProcess restarted = scheduler("0 0 * * *", ZoneId.of("Europe/Rome"));
        assertThat(restarted.runDueTick(midnightInRome.plusSeconds(60))).isEmpty();

        assertThat(parceler.jobNames(null)).containsExactlyInAnyOrder(
                "sync base @ 2026-11-21T23:00:00Z", "sync extra @ 2026-11-21T23:00:00Z");
    }

    @Test
    void aTickEnqueuedByTwoSchedulersIsOneJob() {
        // Two schedulers that both read the last tick before either recorded the new one.
        Instant midnight = Instant.parse("2026-11-22T00:00:00Z");
        parceler.installation().jobs().queue().scheduledSync("base", midnight);
        parceler.installation().jobs().queue().scheduledSync("base", midnight);

        assertThat(parceler.jobNames(null)).containsExactly("sync base @ 2026-11-22T00:00:00Z");
    }

    @Test
    void ticksMissedWhileStoppedAreCaughtUpOnceWithTheLatest() throws Exception {
        SchedulerProcess scheduler = scheduler("0 0 * * *", ZoneId.of("UTC"));
        scheduler.runDueTick(parceler.clock().instant());

        assertThat(scheduler.runDueTick(Instant.parse("2026-11-24T08:00:00Z"))).contains(Instant.parse("2026-11-24T00:00:00Z"));
        assertThat(parceler.jobNames(null)).containsExactlyInAnyOrder("sync base @ 2026-11-24T00:00:00Z", "sync extra @ 2026-11-24T00:00:00Z");
    }

    @Test
    void inMaintenanceATickEnqueuesNothing() throws Exception {
        SchedulerProcess scheduler = scheduler("0 0 * * *", ZoneId.of("UTC"));
        scheduler.runDueTick(parceler.clock().instant());
        parceler.installation().maintenance().down(Optional.empty(), Optional.empty());

        assertThat(scheduler.runDueTick(Instant.parse("2026-11-22T00:00:01Z"))).isPresent();
        assertThat(parceler.jobNames(null)).isEmpty();
        parceler.installation().maintenance().up();
        assertThat(scheduler.runDueTick(Instant.parse("2026-11-22T00:00:02Z"))).as("that tick is over").isEmpty();
        assertThat(scheduler.runDueTick(Instant.parse("2026-11-23T00:00:00Z"))).isPresent();
        assertThat(parceler.jobNames(null)).hasSize(2);
    }

    @Test
    void housekeepingPrunesOldRunsExpiredSubscriptionAnswersAndLapsedClaims() {
        RunHistory runs = parceler.installation().jobs().runs();
        runs.finish(runs.start("base", JobRun.Kind.SYNC, UUID.randomUUID()), RunHistory.Ending.succeeded());
        AuthorizationCache answers = parceler.installation().auth().cache();
        answers.store(Realm.COMMUNITY, "m1", "hash", new AuthorizationCache.Entry(true, Instant.parse("2026-11-22T00:00:00Z")));
        AuthorizationClaims claims = parceler.installation().auth().claims();
        claims.claim(Realm.COMMUNITY, "m2", "hash", Duration.ofSeconds(15));
        SchedulerProcess scheduler = scheduler("0 0 * * *", ZoneId.of("UTC"));

        scheduler.housekeeping(parceler.clock().instant());
        assertThat(runs.recent("base", 10)).as("a fresh run is kept").hasSize(1);
        assertThat(answers.find(Realm.COMMUNITY, "m1", "hash")).as("a valid answer is kept").isPresent();
        assertThat(claims.held(Realm.COMMUNITY, "m2", "hash")).as("a live claim is kept").isTrue();

        parceler.clock().advance(Housekeeping.RUN_RETENTION.plus(Duration.ofDays(1)));
        scheduler.housekeeping(parceler.clock().instant());

        assertThat(runs.recent("base", 10)).isEmpty();
        assertThat(answers.pruneExpired()).as("nothing expired is left to prune").isZero();
        assertThat(claims.pruneLapsed()).as("no lapsed claim is left to prune").isZero();
    }
}
