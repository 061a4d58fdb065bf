package dev.parceler.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.Installation;
import dev.parceler.database.BackupFile;
import dev.parceler.health.ProcessKind;
import dev.parceler.repository.NewRepository;
import dev.parceler.repository.Repository;
import dev.parceler.sync.JobRun;
import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.Eventually;
import dev.parceler.testing.TestInstallation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code db:backup} and {@code db:restore} on the SQLite file, run as a user runs them. */
class DbBackupRestoreCommandTest {
    private static final int MOST_WRITES = 2_000;
    private static final Pattern WRITTEN = Pattern.compile("w-(\\d{4})");

    @TempDir
    Path home;
    @TempDir
    Path backups;
    TestInstallation parceler;

    @BeforeEach
    void open() {
        parceler = TestInstallation.in(home);
    }

    @AfterEach
    void close() {
        parceler.close();
    }

    @Test
    void aBackupTakenDuringWritesRestoresAnExactPrefixOfThem() throws Exception {
        parceler.installation().database();
        Path backup = backups.resolve("parceler.sqlite");
        AtomicInteger written = new AtomicInteger();
        AtomicBoolean backedUp = new AtomicBoolean();
        // Another installation on the same file: its own pool and connections, as another process has.
        CompletableFuture<Integer> writer;
        try (TestInstallation other = TestInstallation.in(home)) {
            Installation writing = other.installation();
            writer = CompletableFuture.supplyAsync(() -> {
                int after = -1;
                for (int i = 0; i < MOST_WRITES && (after < 0 || i < after); i++) {
                    String name = String.format("w-%04d", i);
                    writing.repositoryComponents().repositories().create(new NewRepository(name, "true", Optional.empty(), i % 30));
                    writing.jobs().runs().start(name, JobRun.Kind.SYNC, UUID.randomUUID());
                    writing.jobs().queue().sync(name);
                    written.set(i + 1);
                    if (after < 0 && backedUp.get()) {
                        after = i + 20; // some writes after the backup, so that it is shown to stop at a point
                    }
                }
                return written.get();
            });
            Eventually.await(Duration.ofSeconds(60), "20 writes", () -> written.get() >= 20 || writer.isDone());
            ConsoleResult result = parceler.run("db:backup", backup.toString());
            backedUp.set(true);
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.out()).startsWith("Backed up " + parceler.databaseFile() + " to " + backup + " (schema version ");
            int total = writer.get(120, TimeUnit.SECONDS);
            assertThat(total).isLessThan(MOST_WRITES);
        }
        int total = written.get();
        assertThat(Files.list(backups).map(path -> path.getFileName().toString()).toList())
                .as("the backup alone, no hidden partial file").containsExactly("parceler.sqlite");
        parceler.close();

        ConsoleResult restored = parceler.run("db:restore", backup.toString(), "--force");
        assertThat(restored.exitCode()).as(restored.toString()).isZero();
        assertThat(restored.outLines()).hasSize(2);
        Path kept = Path.of(restored.outLines().get(1).replaceAll("^The replaced database is kept as (\\S+);.*$", "$1"));
        assertThat(new BackupFile(kept).facts().repositories()).as("the replaced database holds every write").isEqualTo(total);

        List<Repository> repositories = parceler.installation().repositoryComponents().repositories().all();
        int inBackup = repositories.size();
        assertThat(inBackup).as("the backup was taken while writes went on").isBetween(20, total - 1);
        assertThat(repositories).extracting(Repository::name)
                .containsExactlyElementsOf(IntStream.range(0, inBackup).mapToObj(i -> String.format("w-%04d", i)).toList());
        assertThat(repositories).allSatisfy(repository ->
                assertThat(repository.delay()).isEqualTo(Integer.parseInt(repository.name().substring(2)) % 30));
        // Each write is repository, then run, then job: a consistent copy has each a prefix, at most one step behind.
        List<Integer> runs = numbers("SELECT repository FROM job_runs");
        List<Integer> jobs = numbers("SELECT jobAsJson FROM jobrunr_jobs");
        assertThat(runs).containsExactlyElementsOf(IntStream.range(0, runs.size()).boxed().toList());
        assertThat(jobs).containsExactlyElementsOf(IntStream.range(0, jobs.size()).boxed().toList());
        assertThat(runs.size()).isBetween(inBackup - 1, inBackup);
        assertThat(jobs.size()).isBetween(runs.size() - 1, runs.size());
        assertThat(parceler.jobNames("ENQUEUED")).hasSize(jobs.size());
    }

    private List<Integer> numbers(String sql) throws SQLException {
        TreeSet<Integer> found = new TreeSet<>();
        try (Connection connection = parceler.installation().database().dataSource().getConnection();
                Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                Matcher matcher = WRITTEN.matcher(rows.getString(1));
                assertThat(matcher.find()).as(rows.getString(1)).isTrue();
                assertThat(found.add(Integer.parseInt(matcher.group(1)))).as("one row per write").isTrue();
            }
        }
        return new ArrayList<>(found);
    }

    @Test
    void aBackupNeverOverwritesUnasked() throws IOException {
        parceler.createRepository("base", 7);
        Path backup = backups.resolve("taken.sqlite");
        Files.writeString(backup, "precious");
        parceler.refuses(backup + " already exists: add --force to replace it.", "db:backup", backup.toString());
        assertThat(Files.readString(backup)).isEqualTo("precious");

        ConsoleResult forced = parceler.run("db:backup", backup.toString(), "--force");
        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        assertThat(new BackupFile(backup).facts().repositories()).isEqualTo(1);
        assertThat(leftovers()).containsExactly("taken.sqlite");
    }

    @Test
    void aBackupIntoAPlaceThatCannotHoldItSaysWhyAndLeavesNothing() throws IOException {
        parceler.createRepository("base", 7);
        Path missing = backups.resolve("no-such-folder").resolve("backup.sqlite");
        parceler.refuses("Cannot write " + missing + ": the folder " + missing.getParent() + " does not exist.",
                "db:backup", missing.toString());
        parceler.refuses(backups + " is a folder: name the backup file to write.", "db:backup", backups.toString());
        parceler.refuses(parceler.databaseFile() + " is the live database: write the backup to another file.",
                "db:backup", parceler.databaseFile().toString(), "--force");
        parceler.refuses(parceler.databaseFile() + "-wal is the live database: write the backup to another file.",
                "db:backup", parceler.databaseFile() + "-wal", "--force");
        Path beside = Path.of(parceler.databaseFile() + ".bak");
        assertThat(parceler.run("db:backup", beside.toString()).exitCode()).as("a name that only begins like the database's").isZero();
        assertThat(new BackupFile(beside).facts().repositories()).isEqualTo(1);
        Path aFile = backups.resolve("plain");
        Files.writeString(aFile, "x");
        Path underAFile = aFile.resolve("backup.sqlite");
        parceler.refuses("Cannot write " + underAFile + ": the folder " + aFile + " does not exist.", "db:backup", underAFile.toString());
        assertThat(leftovers()).containsExactly("plain");
        assertThat(parceler.installation().repositoryComponents().repositories().all()).extracting(Repository::name).containsExactly("base");
    }

    @Test
    void aRestoreWithoutForceExplainsAndChangesNothing() {
        parceler.createRepository("base", 7);
        Path backup = backups.resolve("b.sqlite");
        assertThat(parceler.run("db:backup", backup.toString()).exitCode()).isZero();
        parceler.createRepository("later", 7);
        parceler.refuses(backup + " holds schema version " + latestSchema() + ", 1 repositories, 0 job runs, 0 jobs. Restoring replaces "
                + parceler.databaseFile() + " (kept as database.sqlite.replaced-20261121-120000): add --force to restore it.",
                "db:restore", backup.toString());
        assertThat(parceler.installation().repositoryComponents().repositories().all()).extracting(Repository::name).containsExactly("base", "later");
        assertThat(folderOfDatabase()).noneMatch(name -> name.contains("replaced") || name.endsWith(".partial"));
    }

    @Test
    void aRestoreRefusesWhatIsNotAParcelerBackup() throws Exception {
        parceler.createRepository("base", 7);
        Path text = backups.resolve("notes.txt");
        Files.writeString(text, "not a database at all, but long enough to look like one to nobody".repeat(20));
        refusesWithPrefix(text + " is not a readable SQLite database: ", "db:restore", text.toString(), "--force");

        Path other = backups.resolve("other.sqlite");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + other); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE notes (body TEXT)");
        }
        parceler.refuses(other + " is a SQLite database but not a Parceler one (it has no migration history).",
                "db:restore", other.toString(), "--force");

        Path newer = backups.resolve("newer.sqlite");
        assertThat(parceler.run("db:backup", newer.toString()).exitCode()).isZero();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + newer); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                    + " installed_by, installed_on, execution_time, success) SELECT MAX(installed_rank) + 1, '99', 'future', 'SQL',"
                    + " 'V99__future.sql', 0, 'x', installed_on, 0, 1 FROM flyway_schema_history");
        }
        parceler.refuses(newer + " holds schema version 99, newer than this build of Parceler knows (" + latestSchema() + "): use the Parceler release"
                + " that made it.", "db:restore", newer.toString(), "--force");

        Path damaged = backups.resolve("damaged.sqlite");
        assertThat(parceler.run("db:backup", damaged.toString()).exitCode()).isZero();
        byte[] bytes = Files.readAllBytes(damaged);
        // Scribble over every page after the first two (the header and the schema stay readable).
        for (int i = 8192; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Files.write(damaged, bytes);
        refusesWithPrefix(damaged.toString(), "db:restore", damaged.toString(), "--force");

        parceler.refuses("No file " + backups.resolve("missing.sqlite") + ".", "db:restore", backups.resolve("missing.sqlite").toString(), "--force");
        assertThat(folderOfDatabase()).noneMatch(name -> name.contains("replaced") || name.endsWith(".partial"));
    }

    @Test
    void aRestoreWaitsUntilEveryProcessHasStopped() {
        parceler.createRepository("base", 7);
        Path backup = backups.resolve("b.sqlite");
        assertThat(parceler.run("db:backup", backup.toString()).exitCode()).isZero();
        parceler.installation().repositoryComponents().repositories().delete("base");
        Instant started = parceler.clock().instant().minusSeconds(600);
        parceler.installation().health().heartbeats().beat(ProcessKind.WORKER, "host-1", started, Optional.empty(), Optional.empty());
        parceler.clock().advance(Duration.ofSeconds(30));
        parceler.installation().health().heartbeats().beat(ProcessKind.SERVE, "host-2", started, Optional.empty(), Optional.empty());
        long pid = ProcessHandle.current().pid();
        parceler.clock().advance(Duration.ofSeconds(5));

        parceler.refuses("Cannot restore while Parceler runs: serve on host-2 (pid " + pid + ", last heartbeat 5 s ago), worker on host-1"
                + " (pid " + pid + ", last heartbeat 35 s ago). Stop them (systemctl stop parceler-serve parceler-worker parceler-scheduler,"
                + " docker compose stop, or kill " + pid + " " + pid + " on their hosts), then restore again; a process that stopped without"
                + " saying so counts as stopped 60 s after its last heartbeat.", "db:restore", backup.toString(), "--force");

        parceler.clock().advance(Duration.ofSeconds(30));
        ConsoleResult stillOne = parceler.run("db:restore", backup.toString(), "--force");
        assertThat(stillOne.err()).contains("Cannot restore while Parceler runs: serve on host-2").doesNotContain("worker on");

        parceler.clock().advance(Duration.ofSeconds(30));
        parceler.close();
        ConsoleResult restored = parceler.run("db:restore", backup.toString(), "--force");
        assertThat(restored.exitCode()).as(restored.toString()).isZero();
        assertThat(parceler.installation().repositoryComponents().repositories().all()).extracting(Repository::name).containsExactly("base");
    }

    /** The schema version this build migrates to, as a migrated database records it. */
    private int latestSchema() {
        return new BackupFile(parceler.databaseFile()).facts().schemaVersion();
    }

    private void refusesWithPrefix(String prefix, String... arguments) {
        List<String> before = parceler.databaseContent();
        ConsoleResult result = parceler.run(arguments);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.errLines()).as(result.toString()).hasSize(1);
        assertThat(result.err()).startsWith(prefix);
        assertThat(parceler.databaseContent()).isEqualTo(before);
    }

    private List<String> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(backups)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    private List<String> folderOfDatabase() {
        try (Stream<Path> files = Files.list(parceler.databaseFile().getParent())) {
            return files.map(path -> path.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
