package dev.parceler.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.Installation;
import dev.parceler.auth.AuthorizationCache;
import dev.parceler.auth.Realm;
import dev.parceler.database.TableRoles;
import dev.parceler.health.ProcessKind;
import dev.parceler.repository.Repository;
import dev.parceler.repository.Ring;
import dev.parceler.snapshot.CopyStats;
import dev.parceler.snapshot.MachinePins;
import dev.parceler.sync.JobRun;
import dev.parceler.sync.RunHistory;
import dev.parceler.sync.SyncRequest;
import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.PostgresDatabases;
import dev.parceler.testing.TestInstallation;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code db:copy --from-sqlite} onto a real PostgreSQL server: every table arrives, and the copy works as a database. */
class DbCopyPostgresIT {
    @RegisterExtension
    final PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path home;
    TestInstallation sqlite;
    TestInstallation server;

    @BeforeEach
    void open() {
        sqlite = TestInstallation.in(home.resolve("sqlite"));
        server = postgres.installation(home.resolve("server"));
    }

    @AfterEach
    void close() {
        sqlite.close();
        server.close();
    }

    @Test
    void everyTableIsCopiedAndIdsGoOnCounting() throws SQLException {
        fill(sqlite);
        Path file = sqlite.databaseFile();
        Map<String, Long> before = counts(sqlite);

        ConsoleResult copied = server.run("db:copy", "--from-sqlite", file.toString());
        assertThat(copied.exitCode()).as(copied.toString()).isZero();
        assertThat(copied.outLines().get(0)).isEqualTo("Copied " + file + " into " + server.settings().database().describe() + ":");
        assertThat(copied.out()).contains("| repositories ", "| jobrunr_jobs ", "| admin_sessions ");

        Map<String, Long> after = counts(server);
        for (String table : List.of("repositories", "job_runs", "maintenance", "authorization_cache", "netifyd_cache", "admins",
                "admin_sessions", "login_failures", "audit_events", "snapshot_pins", "rings", "machine_sightings", "served_snapshots",
                "jobrunr_jobs", "parceler_meta")) {
            assertThat(before.get(table)).as("the source's " + table + " has rows to copy").isPositive();
        }
        TableRoles.all().forEach((table, role) -> {
            if (role == TableRoles.Role.DATA || role == TableRoles.Role.SEED) {
                assertThat(after.get(table)).as("rows of " + table).isEqualTo(before.get(table));
            }
        });
        assertThat(after.get("process_heartbeats")).as("heartbeats of the processes of the old database").isZero();

        Installation target = server.installation();
        Installation source = sqlite.installation();
        assertThat(target.repositoryComponents().repositories().all()).isEqualTo(source.repositoryComponents().repositories().all());
        assertThat(target.jobs().runs().recent("base", 10)).isEqualTo(source.jobs().runs().recent("base", 10));
        assertThat(target.audit().recent("base", 10)).isEqualTo(source.audit().recent("base", 10));
        assertThat(target.repositoryComponents().rings().all("base")).isEqualTo(source.repositoryComponents().rings().all("base"));
        assertThat(target.maintenance().current()).isEqualTo(source.maintenance().current());
        assertThat(server.jobNames(null)).containsExactlyInAnyOrderElementsOf(sqlite.jobNames(null));
        assertThat(server.jobNames("ENQUEUED")).containsExactlyInAnyOrder("sync base", "release edge");
        assertThat(server.jobNames("SCHEDULED")).containsExactly("later edge");
        assertThat(scheduledAt(server)).as("the time the job library polls for is the time it was scheduled at")
                .isEqualTo(sqlite.clock().instant().plus(Duration.ofHours(5)));

        long highest = target.repositoryComponents().repositories().all().stream().mapToLong(Repository::id).max().orElseThrow();
        Repository added = server.createRepository("added", 1);
        assertThat(added.id()).as("ids count on after the copied ones").isGreaterThan(highest);
        long run = target.jobs().runs().start("added", JobRun.Kind.SYNC, UUID.randomUUID());
        assertThat(target.jobs().runs().recent("added", 1)).extracting(JobRun::id).containsExactly(run);
        target.audit().record("added", "freeze", Optional.empty(), "after the copy", "carol");
        assertThat(target.audit().recent("added", 1)).hasSize(1);
    }

    @Test
    void aTargetWithDataIsReplacedOnlyWithForce() {
        fill(sqlite);
        Path file = sqlite.databaseFile();
        server.createRepository("already-here", 3);

        server.refuses("The database " + server.settings().database().describe() + " already holds data (table repositories): add --force"
                + " to replace it with the copy.", "db:copy", "--from-sqlite", file.toString());

        ConsoleResult forced = server.run("db:copy", "--from-sqlite", file.toString(), "--force");
        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        assertThat(server.installation().repositoryComponents().repositories().all()).extracting(Repository::name).containsExactly("base", "edge");
        ConsoleResult again = server.run("db:copy", "--from-sqlite", file.toString(), "--force");
        assertThat(again.exitCode()).as("copying twice gives the same database, " + again).isZero();
        assertThat(counts(server)).isEqualTo(withoutProcessTables(counts(sqlite), counts(server)));
    }

    @Test
    void aCopyNeedsAPostgresTargetAndAParcelerSource() {
        sqlite.refuses("db:copy copies into PostgreSQL, and the configured database is the SQLite file " + sqlite.databaseFile()
                + ": set DB_CONNECTION=pgsql and the target's DB_* settings first.", "db:copy", "--from-sqlite", "/tmp/x.sqlite");
        Path missing = home.resolve("missing.sqlite");
        server.refuses("No file " + missing + ".", "db:copy", "--from-sqlite", missing.toString());

        // A table of a newer migration that this build does not know: refused before anything is written.
        fill(sqlite);
        sql(sqlite, "CREATE TABLE download_quotas (realm VARCHAR, system_id VARCHAR)");
        server.refuses("The table download_quotas of " + sqlite.databaseFile() + " is unknown to this build's copy: nothing was copied.",
                "db:copy", "--from-sqlite", sqlite.databaseFile().toString());
    }

    @Test
    void aSourceOfAnOlderParcelerIsMigratedOnTheWayAndLeftAsItWas() throws Exception {
        // A database of the release before fast lanes (V12), made by that release's migrations.
        Path old = home.resolve("old.sqlite");
        org.flywaydb.core.Flyway.configure().dataSource("jdbc:sqlite:" + old, null, null)
                .locations("classpath:db/migration", "classpath:db/sqlite").target("11").load().migrate();
        try (Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + old);
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO repositories (name, command, delay, created_at, updated_at)"
                    + " VALUES ('legacy', 'true', 5, '2026-01-01 00:00:00', '2026-01-01 00:00:00')");
        }
        byte[] before = java.nio.file.Files.readAllBytes(old);

        ConsoleResult copied = server.run("db:copy", "--from-sqlite", old.toString());

        assertThat(copied.exitCode()).as(copied.toString()).isZero();
        assertThat(server.installation().repositoryComponents().repositories().all()).extracting(Repository::name, Repository::delay)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("legacy", 5));
        assertThat(java.nio.file.Files.readAllBytes(old)).as("the source file is not migrated in place").isEqualTo(before);
    }

    private static Map<String, Long> withoutProcessTables(Map<String, Long> source, Map<String, Long> target) {
        Map<String, Long> expected = new TreeMap<>(source);
        TableRoles.all().forEach((table, role) -> {
            if (role == TableRoles.Role.SCHEMA || role == TableRoles.Role.PROCESS) {
                expected.put(table, target.get(table));
            }
        });
        return expected;
    }

    /** A row or more in every table a running installation writes, through its own stores where it has them. */
    private static void fill(TestInstallation parceler) {
        Installation installation = parceler.installation();
        parceler.createRepository("base", 7);
        parceler.createRepository("edge", 3);
        RunHistory runs = installation.jobs().runs();
        long run = runs.start("base", JobRun.Kind.SYNC, UUID.randomUUID());
        runs.finish(run, new RunHistory.Ending(JobRun.Outcome.SUCCEEDED, 0, List.of("copied"), null, "2026-11-21T12:00:00+00:00",
                new CopyStats(3, 4, 5_000_000_000L, 6)));
        parceler.clock().advance(Duration.ofMinutes(1));
        runs.start("base", JobRun.Kind.RELEASE, UUID.randomUUID());
        installation.jobs().queue().sync("base");
        installation.jobs().queue().release("edge");
        installation.jobs().queue().later(parceler.clock().instant().plus(Duration.ofHours(5)), new SyncRequest("edge"), "later edge");
        installation.maintenance().down(Optional.of(60), Optional.of("secret-path"));
        installation.auth().cache().store(Realm.ENTERPRISE, "machine-1", "hash-1",
                new AuthorizationCache.Entry(true, parceler.clock().instant().plusSeconds(300)));
        installation.snapshotComponents().servedHistory().record("base", "2026-11-20T00:00:00+00:00");
        new MachinePins(installation.database().dataSource()).pin("base", "machine-1", "packages/x86_64", "a", parceler.clock().instant());
        installation.snapshotComponents().sightings().seen("base", "machine-1", "early", "a", parceler.clock().instant());
        installation.repositoryComponents().rings().add("base", new Ring("early", 0, 1, 10, Set.of("machine-1")), 1);
        installation.audit().record("base", "freeze", Optional.of("2026-11-20T00:00:00+00:00"), "broken VPN", "alice");
        installation.health().heartbeats().beat(ProcessKind.WORKER, "host-1", parceler.clock().instant(), Optional.empty(), Optional.empty());
        // The console's own tables are written by the app module; plain rows stand in for its stores here.
        sql(parceler, "INSERT INTO admins (name, password_hash, created_at, updated_at) VALUES ('alice', 'hash', 5000000000, 5000000001)",
                "INSERT INTO admin_sessions (token_hash, admin_id, csrf_token, created_at, expires_at)"
                        + " SELECT 'token', id, 'csrf', 5000000000, 5000000002 FROM admins",
                "INSERT INTO login_failures (scope, subject, failed_at) VALUES ('account', 'mallory', 5000000000)",
                "INSERT INTO netifyd_cache (name, body, stored_at) VALUES ('license:x', '{}', 5000000000)");
    }

    private static java.time.Instant scheduledAt(TestInstallation parceler) throws SQLException {
        try (Connection connection = parceler.installation().database().dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT scheduledAt FROM jobrunr_jobs WHERE state = 'SCHEDULED'")) {
            assertThat(rows.next()).isTrue();
            return rows.getTimestamp(1).toInstant();
        }
    }

    private static void sql(TestInstallation parceler, String... statements) {
        try (Connection connection = parceler.installation().database().dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Long> counts(TestInstallation parceler) {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = parceler.installation().database().dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            for (String table : TableRoles.all().keySet()) {
                try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }
}
