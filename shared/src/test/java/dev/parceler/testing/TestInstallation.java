package dev.parceler.testing;

import dev.parceler.Installation;
import dev.parceler.config.Settings;
import dev.parceler.config.SettingsReader;
import dev.parceler.database.TableRoles;
import dev.parceler.repository.NewRepository;
import dev.parceler.repository.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A throw-away installation in a folder: its own SQLite file (or, with {@code DB_CONNECTION=pgsql}
 * in its environment, the PostgreSQL database named there) and local disk, a movable clock, and
 * the real console run in-process as a user would run {@code parceler <command>} (in the app
 * module's tests: see {@link TestConsole}).
 */
public final class TestInstallation implements AutoCloseable {
    private final Path home;
    private final Map<String, String> environment = new HashMap<>();
    private final MovableClock clock;
    private Installation installation;
    private final List<AutoCloseable> attached = new ArrayList<>();

    public TestInstallation(Path home, MovableClock clock) {
        this.home = home;
        this.clock = clock;
        environment.put("APP_TIMEZONE", clock.getZone().getId());
    }

    public static TestInstallation in(Path home) {
        return new TestInstallation(home, MovableClock.at("2026-11-21T12:00:00Z"));
    }

    public Path home() {
        return home;
    }

    public MovableClock clock() {
        return clock;
    }

    /** Sets a variable of this installation's environment (takes effect on the next {@link #installation()}). */
    public TestInstallation env(String name, String value) {
        environment.put(name, value);
        closeInstallation();
        return this;
    }

    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    public Settings settings() {
        return new SettingsReader(environment, home).read();
    }

    public synchronized Installation installation() {
        if (installation == null) {
            installation = new Installation(settings(), clock, "test");
        }
        return installation;
    }

    public Path storageRoot() {
        return settings().storage().root();
    }

    public Path databaseFile() {
        return settings().database().file().orElseThrow();
    }

    /** Runs a console command with no terminal, as from a script (in the app module's tests, where the console is). */
    public ConsoleResult run(String... arguments) {
        return console().run(installation(), Optional.empty(), arguments);
    }

    /** Runs a console command on a terminal that answers its questions with {@code answers}, one per line. */
    public ConsoleResult runAnswering(String answers, String... arguments) {
        return console().run(installation(), Optional.of(answers), arguments);
    }

    private static TestConsole console() {
        return ServiceLoader.load(TestConsole.class).findFirst().orElseThrow(() -> new IllegalStateException(
                "console commands run in the app module's tests, where the console is: use the stores here"));
    }

    /**
     * Runs a command that must fail as bad input does: exit 1, exactly {@code error} on standard
     * error, nothing on standard output, and the database as it was.
     */
    public ConsoleResult refuses(String error, String... arguments) {
        List<String> before = storedContent();
        ConsoleResult result = run(arguments);
        org.assertj.core.api.Assertions.assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(result.errLines()).as(result.toString()).containsExactly(error);
        org.assertj.core.api.Assertions.assertThat(storedContent()).as("the database is unchanged").isEqualTo(before);
        return result;
    }

    public Repository createRepository(String name, int delay) {
        return installation().repositoryComponents().repositories().create(new NewRepository(name, "true", java.util.Optional.empty(), delay));
    }

    /** Creates {@code snapshots/<repository>/<folder>} holding the given files (path → content). */
    public Path snapshot(String repository, String folder, Map<String, String> files) {
        Path snapshot = storageRoot().resolve("snapshots").resolve(repository).resolve(folder);
        try {
            Files.createDirectories(snapshot);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = snapshot.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return snapshot;
    }

    public Path snapshot(String repository, String folder) {
        return snapshot(repository, folder, Map.of());
    }

    /**
     * {@link #databaseContent()} without the tables of running processes: a heartbeat or a lease is
     * written on its own clock by a process running beside the test, whatever a command does.
     */
    public List<String> storedContent() {
        return databaseContent().stream()
                .filter(row -> TableRoles.of(row.substring(0, row.indexOf(':'))).orElse(null) != TableRoles.Role.PROCESS)
                .toList();
    }

    /** Every row of every application table, to show that a failed command changed nothing. */
    public List<String> databaseContent() {
        List<String> rows = new ArrayList<>();
        try (Connection connection = installation().database().dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            // The driver's catalogue works on SQLite and PostgreSQL alike (there, the current schema only).
            try (ResultSet names = connection.getMetaData().getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
                while (names.next()) {
                    String name = names.getString("TABLE_NAME");
                    if (!name.startsWith("sqlite_")) {
                        tables.add(name);
                    }
                }
            }
            java.util.Collections.sort(tables);
            for (String table : tables) {
                try (ResultSet content = statement.executeQuery("SELECT * FROM \"" + table + "\" ORDER BY 1")) {
                    ResultSetMetaData columns = content.getMetaData();
                    while (content.next()) {
                        StringBuilder row = new StringBuilder(table).append(':');
                        for (int column = 1; column <= columns.getColumnCount(); column++) {
                            row.append(' ').append(content.getString(column));
                        }
                        rows.add(row.toString());
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /** Names of the jobs in the job table, in the given state (ENQUEUED, SCHEDULED, SUCCEEDED...) or any. */
    public List<String> jobNames(String state) {
        List<String> names = new ArrayList<>();
        String sql = "SELECT jobAsJson FROM jobrunr_jobs" + (state == null ? "" : " WHERE state = '" + state + "'");
        try (Connection connection = installation().database().dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                String json = rows.getString(1);
                int start = json.indexOf("\"jobName\":\"") + "\"jobName\":\"".length();
                names.add(json.substring(start, json.indexOf('"', start)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }

    /**
     * Closes {@code resource} with this installation (when it closes, or when a variable changes):
     * what a test builds on the installation, such as an in-process worker, lives as long as it.
     */
    public synchronized <T extends AutoCloseable> T closedWith(T resource) {
        attached.add(resource);
        return resource;
    }

    private synchronized void closeInstallation() {
        for (AutoCloseable resource : attached) {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        attached.clear();
        if (installation != null) {
            installation.close();
            installation = null;
        }
    }

    @Override
    public void close() {
        closeInstallation();
    }
}
