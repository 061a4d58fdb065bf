package dev.parceler.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.Installation;
import dev.parceler.audit.AuditEvent;
import dev.parceler.auth.AuthorizationCache;
import dev.parceler.auth.AuthorizationClaims;
import dev.parceler.auth.Realm;
import dev.parceler.health.Heartbeat;
import dev.parceler.health.ProcessKind;
import dev.parceler.maintenance.MaintenanceStore;
import dev.parceler.repository.InvalidRepositoryException;
import dev.parceler.repository.Ring;
import dev.parceler.repository.RingStore;
import dev.parceler.snapshot.CopyStats;
import dev.parceler.snapshot.MachinePins;
import dev.parceler.snapshot.MachineSightings;
import dev.parceler.snapshot.ServedHistory;
import dev.parceler.sync.JobRun;
import dev.parceler.sync.LocalProcesses;
import dev.parceler.sync.RepositoryLease;
import dev.parceler.sync.RunHistory;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.TestInstallations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract of every table the processes share, one test per store: what is written reads back
 * the same, conditional writes are conditional, order is order. It runs on the SQLite file here and
 * on PostgreSQL in {@link SharedTablesPostgresIT}; numbers are taken past 32 bits where the column
 * holds epoch milliseconds, process ids or byte counts.
 */
@ExtendWith(TestInstallations.class)
class SharedTablesTest {
    /** Past 2^31 milliseconds and bytes: the values that overflow a 32-bit column. */
    private static final long BIG = 5_000_000_000L;

    TestInstallation parceler;
    Installation installation;

    @BeforeEach
    void open(TestInstallation parceler) {
        this.parceler = parceler;
        installation = parceler.installation();
    }

    @Test
    void runHistoryRecordsStartEndAndOrder() {
        RunHistory runs = installation.jobs().runs();
        UUID job = UUID.randomUUID();
        long first = runs.start("base", JobRun.Kind.SYNC, job);
        runs.finish(first, new RunHistory.Ending(JobRun.Outcome.SUCCEEDED, 0, List.of("line one", "line two"), null, "2026-11-21T12:00:00+00:00",
                new CopyStats(3, 4, BIG, BIG + 1)));
        parceler.clock().advance(Duration.ofMinutes(1));
        long second = runs.start("base", JobRun.Kind.RELEASE, UUID.randomUUID());
        parceler.clock().advance(Duration.ofMinutes(1));
        runs.audit("base", JobRun.Kind.ROLLBACK, "rolled back", "2026-11-20T00:00:00+00:00");

        List<JobRun> recent = runs.recent("base", 10);
        assertThat(recent).extracting(JobRun::kind).containsExactly(JobRun.Kind.ROLLBACK, JobRun.Kind.RELEASE, JobRun.Kind.SYNC);
        assertThat(second).isGreaterThan(first);
        JobRun sync = recent.get(2);
        assertThat(sync.id()).isEqualTo(first);
        assertThat(sync.jobId()).contains(job.toString());
        assertThat(sync.outcome()).isEqualTo(JobRun.Outcome.SUCCEEDED);
        assertThat(sync.exitCode()).contains(0);
        assertThat(sync.output()).containsExactly("line one", "line two");
        assertThat(sync.stats()).contains(new CopyStats(3, 4, BIG, BIG + 1));
        assertThat(recent.get(1).outcome()).isEqualTo(JobRun.Outcome.RUNNING);
        assertThat(runs.recent("base", 1)).hasSize(1);

        assertThat(runs.interrupt(recent.get(1).jobId().map(UUID::fromString).orElseThrow(), "worker stopped")).isEqualTo(1);
        assertThat(runs.pruneBefore(parceler.clock().instant().minusSeconds(30))).isEqualTo(2);
        assertThat(runs.recent("base", 10)).extracting(JobRun::kind).containsExactly(JobRun.Kind.ROLLBACK);
    }

    @Test
    void aLeaseHasOneHolderAndKeepsItsWorkersIdentity() {
        RepositoryLease lease = new RepositoryLease(installation.database().dataSource(), parceler.clock(), Duration.ofSeconds(60),
                Optional.of(new LocalProcesses.Identity("space-1", BIG, BIG + 7)));
        assertThat(lease.acquire("base", "job-1")).isTrue();
        assertThat(lease.acquire("base", "job-2")).isFalse();
        lease.command("base", "job-1", BIG + 9);

        RepositoryLease.Holder holder = lease.holder("base").orElseThrow();
        assertThat(holder.job()).isEqualTo("job-1");
        assertThat(holder.worker()).contains(new LocalProcesses.Identity("space-1", BIG, BIG + 7));
        assertThat(holder.commandGroup()).contains(BIG + 9);
        assertThat(lease.releaseDead(holder)).isTrue();
        assertThat(lease.holders()).isEmpty();

        assertThat(lease.acquire("base", "job-2")).isTrue();
        parceler.clock().advance(Duration.ofSeconds(61));
        assertThat(lease.acquire("base", "job-3")).as("an expired lease is taken over").isTrue();
        assertThat(lease.renew("base", "job-2")).isFalse();
    }

    @Test
    void theAuthorizationCacheAnswersUntilItsEntryExpires() {
        AuthorizationCache cache = installation.auth().cache();
        Instant until = parceler.clock().instant().plus(Duration.ofMinutes(5));
        cache.store(Realm.ENTERPRISE, "machine-1", "hash-1", new AuthorizationCache.Entry(true, until));
        cache.store(Realm.ENTERPRISE, "machine-2", "hash-2", new AuthorizationCache.Entry(true, until));
        cache.store(Realm.ENTERPRISE, "machine-2", "hash-2", new AuthorizationCache.Entry(false, until));

        assertThat(cache.find(Realm.ENTERPRISE, "machine-1", "hash-1")).contains(new AuthorizationCache.Entry(true, until));
        assertThat(cache.find(Realm.ENTERPRISE, "machine-2", "hash-2")).as("the later answer replaces the earlier")
                .contains(new AuthorizationCache.Entry(false, until));
        assertThat(cache.find(Realm.COMMUNITY, "machine-1", "hash-1")).isEmpty();

        parceler.clock().advance(Duration.ofMinutes(5));
        assertThat(cache.find(Realm.ENTERPRISE, "machine-1", "hash-1")).isEmpty();
        assertThat(cache.pruneExpired()).isEqualTo(2);
    }

    @Test
    void aSubscriptionCheckClaimHasOneHolderUntilReleasedOrLapsed() {
        AuthorizationClaims claims = installation.auth().claims();
        Duration lasting = Duration.ofSeconds(15);
        String first = claims.claim(Realm.COMMUNITY, "machine-1", "hash-1", lasting).orElseThrow();
        assertThat(claims.claim(Realm.COMMUNITY, "machine-1", "hash-1", lasting)).as("a live claim holds").isEmpty();
        assertThat(claims.claim(Realm.COMMUNITY, "machine-1", "hash-2", lasting)).as("another secret is another claim").isPresent();
        assertThat(claims.claim(Realm.ENTERPRISE, "machine-1", "hash-1", lasting)).as("another realm too").isPresent();
        assertThat(claims.held(Realm.COMMUNITY, "machine-1", "hash-1")).isTrue();

        claims.release(Realm.COMMUNITY, "machine-1", "hash-1", "not-the-holder");
        assertThat(claims.held(Realm.COMMUNITY, "machine-1", "hash-1")).as("only its holder releases a claim").isTrue();
        claims.release(Realm.COMMUNITY, "machine-1", "hash-1", first);
        assertThat(claims.held(Realm.COMMUNITY, "machine-1", "hash-1")).isFalse();

        String again = claims.claim(Realm.COMMUNITY, "machine-1", "hash-1", lasting).orElseThrow();
        parceler.clock().advance(lasting);
        assertThat(claims.held(Realm.COMMUNITY, "machine-1", "hash-1")).as("a claim lapses by itself").isFalse();
        String takenOver = claims.claim(Realm.COMMUNITY, "machine-1", "hash-1", Duration.ofMillis(BIG)).orElseThrow();
        claims.release(Realm.COMMUNITY, "machine-1", "hash-1", again);
        assertThat(claims.held(Realm.COMMUNITY, "machine-1", "hash-1")).as("the lapsed holder cannot end the new claim").isTrue();

        assertThat(claims.pruneLapsed()).as("the two other claims lapsed").isEqualTo(2);
        claims.release(Realm.COMMUNITY, "machine-1", "hash-1", takenOver);
        assertThat(claims.pruneLapsed()).isZero();

        installation.auth().cache().store(Realm.COMMUNITY, "machine-2", "hash-3",
                new AuthorizationCache.Entry(true, parceler.clock().instant().plusMillis(BIG)));
        assertThat(claims.claim(Realm.COMMUNITY, "machine-2", "hash-3", lasting)).as("nothing to ask: the answer is cached").isEmpty();
        parceler.clock().advance(Duration.ofMillis(BIG));
        assertThat(claims.claim(Realm.COMMUNITY, "machine-2", "hash-3", lasting)).as("the answer expired").isPresent();
    }

    @Test
    void servedHistoryPinsAndSightingsKeepTheirOrderAndTime() {
        ServedHistory served = installation.snapshotComponents().servedHistory();
        served.record("base", "2026-11-20T00:00:00+00:00");
        parceler.clock().advance(Duration.ofMinutes(1));
        served.record("base", "2026-11-21T00:00:00+00:00");
        parceler.clock().advance(Duration.ofMinutes(1));
        served.record("base", "2026-11-20T00:00:00+00:00");
        assertThat(served.served("base", Set.of("2026-11-20T00:00:00+00:00", "2026-11-21T00:00:00+00:00")))
                .containsExactly("2026-11-20T00:00:00+00:00", "2026-11-21T00:00:00+00:00");
        assertThat(served.servedSince("base", parceler.clock().instant().minusSeconds(90)))
                .extracting(ServedHistory.Served::snapshot).containsExactly("2026-11-20T00:00:00+00:00", "2026-11-21T00:00:00+00:00");
        served.forget("base", List.of("2026-11-21T00:00:00+00:00"));
        assertThat(served.served("base", Set.of("2026-11-20T00:00:00+00:00", "2026-11-21T00:00:00+00:00")))
                .containsExactly("2026-11-20T00:00:00+00:00");

        MachinePins pins = new MachinePins(installation.database().dataSource());
        Instant now = parceler.clock().instant();
        pins.pin("base", "machine-1", "packages/x86_64", "a", now.minusSeconds(600));
        pins.pin("base", "machine-1", "packages/x86_64", "b", now);
        pins.pin("base", "machine-2", "packages/x86_64", "c", now.minusSeconds(600));
        assertThat(pins.find("base", "machine-1", "packages/x86_64")).contains(new MachinePins.Pin("b", now));
        assertThat(pins.pinnedSince("base", now.minusSeconds(60))).containsExactly("b");
        assertThat(pins.forgetBefore("base", now.minusSeconds(60))).isEqualTo(1);
        assertThat(pins.find("base", "machine-2", "packages/x86_64")).isEmpty();

        MachineSightings sightings = installation.snapshotComponents().sightings();
        sightings.seen("base", "machine-1", "early", "a", now.minusSeconds(60));
        sightings.seen("base", "machine-2", "late", "b", now.minusSeconds(30));
        sightings.seen("base", "machine-1", "early", "c", now);
        assertThat(sightings.all("base")).containsExactly(new MachineSightings.Sighting("machine-1", "early", "c", now),
                new MachineSightings.Sighting("machine-2", "late", "b", now.minusSeconds(30)));

        // An unverified machine (a community secret) is kept under its secret's key, shown by the id it last sent.
        sightings.seen("base", "~secret-key", "", "c", now.plusSeconds(1), false, "claimed-1");
        sightings.seen("base", "~secret-key", "", "c", now.plusSeconds(2), false, "claimed-2");
        assertThat(sightings.all("base")).first().isEqualTo(new MachineSightings.Sighting("claimed-2", "", "c", now.plusSeconds(2), false));
        assertThat(sightings.all("base")).hasSize(3);

        // Pruned by age, then to a count per repository, the least recently seen first.
        assertThat(sightings.prune(now.minusSeconds(45), 1000)).isEqualTo(0);
        sightings.seen("base", "machine-3", "", "a", now.minus(java.time.Duration.ofDays(100)));
        assertThat(sightings.prune(now.minus(java.time.Duration.ofDays(90)), 2)).isEqualTo(2);
        assertThat(sightings.all("base")).extracting(MachineSightings.Sighting::systemId).containsExactly("claimed-2", "machine-1");
        pins.pin("other", "machine-9", "", "z", now.minusSeconds(3600));
        assertThat(pins.forgetAllBefore(now.minusSeconds(60))).isEqualTo(1);
    }

    @Test
    void ringsKeepTheirPositions() {
        RingStore rings = installation.repositoryComponents().rings();
        rings.add("base", new Ring("early", 0, 1, 10, Set.of("machine-b", "machine-a")), 1);
        rings.add("base", new Ring("late", 0, 14, 0, Set.of()), 2);
        rings.add("base", new Ring("middle", 0, 7, 20, Set.of()), 2);
        assertThat(rings.all("base")).extracting(Ring::name).containsExactly("early", "middle", "late");
        assertThat(rings.find("base", "early").orElseThrow().machines()).containsExactlyInAnyOrder("machine-a", "machine-b");
        Assertions.assertThatThrownBy(() -> rings.add("base", new Ring("late", 0, 1, 0, Set.of()), 1))
                .isInstanceOf(InvalidRepositoryException.class);
        assertThat(rings.edit("base", new Ring("middle", 0, 5, 30, Set.of()))).isTrue();
        assertThat(rings.remove("base", "early")).isTrue();
        assertThat(rings.all("base")).extracting(Ring::name, Ring::delay).containsExactly(
                Assertions.tuple("middle", 5), Assertions.tuple("late", 14));
    }

    @Test
    void auditEventsComeBackNewestFirst() {
        installation.audit().record("base", "freeze", Optional.of("2026-11-20T00:00:00+00:00"), "broken VPN", "alice");
        parceler.clock().advance(Duration.ofMinutes(1));
        installation.audit().record("base", "unfreeze", Optional.empty(), "fixed", "bob");

        List<AuditEvent> events = installation.audit().recent("base", 10);
        assertThat(events).extracting(AuditEvent::action).containsExactly("unfreeze", "freeze");
        assertThat(events.get(1).detail()).contains("2026-11-20T00:00:00+00:00");
        assertThat(events.get(0).at()).isEqualTo(parceler.clock().instant());
        assertThat(installation.audit().recent("base", 1)).hasSize(1);
    }

    @Test
    void heartbeatsReplaceTheirRowAndKeepEpochMilliseconds() {
        Instant started = parceler.clock().instant().minusSeconds(3600);
        installation.health().heartbeats().beat(ProcessKind.WORKER, "host-1", started, Optional.empty(), Optional.empty());
        parceler.clock().advance(Duration.ofSeconds(10));
        Instant busy = parceler.clock().instant().minusSeconds(5);
        installation.health().heartbeats().beat(ProcessKind.WORKER, "host-1", started, Optional.of(busy), Optional.empty());
        installation.health().heartbeats().beat(ProcessKind.SCHEDULER, "host-1", started, Optional.empty(), Optional.of(started.plusSeconds(86_400)));

        List<Heartbeat> beats = installation.health().heartbeats().all();
        assertThat(beats).extracting(Heartbeat::kind).containsExactly(ProcessKind.SCHEDULER, ProcessKind.WORKER);
        Heartbeat worker = installation.health().heartbeats().latest(ProcessKind.WORKER).orElseThrow();
        assertThat(worker.beatAt()).isEqualTo(parceler.clock().instant());
        assertThat(worker.startedAt()).isEqualTo(started);
        assertThat(worker.busySince()).contains(busy);
    }

    @Test
    void maintenanceIsOneRowAtMost() {
        MaintenanceStore maintenance = installation.maintenance();
        assertThat(maintenance.isDown()).isFalse();
        assertThat(maintenance.down(Optional.of(60), Optional.of("secret"))).isTrue();
        assertThat(maintenance.down(Optional.empty(), Optional.empty())).as("already down").isFalse();
        assertThat(maintenance.current().orElseThrow().retryAfter()).contains(60);
        assertThat(maintenance.up()).isTrue();
        assertThat(maintenance.up()).isFalse();
    }

    @Test
    void sharedValuesCountAndOnlyMoveForward() {
        MetaValues meta = new MetaValues(installation.database().dataSource());
        assertThat(meta.putIfAbsent("first", "a")).isEqualTo("a");
        assertThat(meta.putIfAbsent("first", "b")).isEqualTo("a");
        meta.putIfLarger("tick", BIG);
        meta.putIfLarger("tick", 7);
        assertThat(meta.get("tick")).contains(Long.toString(BIG));
        meta.increment("changes");
        meta.increment("changes");
        assertThat(meta.get("changes")).contains("2");
    }
}
