package dev.parceler.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path home;

    @Test
    void latestNamesTheNewestMigrationFile() throws Exception {
        int newest = 0;
        for (String folder : List.of("migration", "sqlite", "postgresql")) {
            newest = Math.max(newest, versions(folder).stream().mapToInt(Integer::intValue).max().orElse(0));
        }
        assertThat(Migrations.LATEST).as("Migrations.LATEST must follow new migration files").isEqualTo(newest);
    }

    @Test
    void aVersionIsEitherSharedOrWrittenForEachDatabase() throws Exception {
        List<Integer> shared = versions("migration");
        assertThat(versions("postgresql")).as("every SQLite-only version has its PostgreSQL form").isEqualTo(versions("sqlite"));
        assertThat(versions("sqlite")).as("no version is both shared and per database").doesNotContainAnyElementsOf(shared);
    }

    @Test
    void aFileMigratedWhenEveryMigrationWasInOneFolderStillOpens() throws Exception {
        // Until PostgreSQL came, db/migration held every SQLite migration; Flyway records no folder,
        // only versions and checksums, so a file migrated then must open as it is.
        Path oneFolder = Files.createDirectories(home.resolve("one-folder"));
        for (String folder : List.of("migration", "sqlite")) {
            try (Stream<Path> files = Files.list(Path.of("src/main/resources/db", folder))) {
                for (Path file : files.toList()) {
                    Files.copy(file, oneFolder.resolve(file.getFileName()));
                }
            }
        }
        Path file = home.resolve("before.sqlite");
        org.flywaydb.core.Flyway.configure().dataSource("jdbc:sqlite:" + file, null, null)
                .locations("filesystem:" + oneFolder).load().migrate();

        try (Database database = Database.open(file, "test", 2)) {
            assertThat(database.answers()).isTrue();
        }
    }

    private static List<Integer> versions(String folder) throws Exception {
        Pattern versioned = Pattern.compile("V(\\d+)__.+\\.sql");
        List<Integer> versions = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db", folder))) {
            for (Path file : files.toList()) {
                Matcher matcher = versioned.matcher(file.getFileName().toString());
                if (matcher.matches()) {
                    versions.add(Integer.parseInt(matcher.group(1)));
                }
            }
        }
        java.util.Collections.sort(versions);
        return versions;
    }

    @Test
    void everyConnectionHasTheSettingsThatLetProcessesShareTheFile() throws Exception {
        try (Database database = Database.open(home.resolve("db/parceler.sqlite"), "test", 2);
                Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            assertThat(pragma(statement, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(statement, "synchronous")).isEqualTo("1");
            assertThat(pragma(statement, "foreign_keys")).isEqualTo("1");
            assertThat(pragma(statement, "busy_timeout")).isEqualTo(Integer.toString(Database.BUSY_TIMEOUT_MILLIS));
            assertThat(database.answers()).isTrue();
        }
    }

    @Test
    void opensALaravelDatabaseAndKeepsItsRepositories() throws Exception {
        Path file = home.resolve("database.sqlite");
        try (Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("create table \"migrations\" (\"id\" integer primary key autoincrement not null,"
                    + " \"migration\" varchar not null, \"batch\" integer not null)");
            statement.execute("create table \"repositories\" (\"id\" integer primary key autoincrement not null,"
                    + " \"name\" varchar not null, \"command\" text not null, \"sub_dir\" varchar, \"delay\" integer not null,"
                    + " \"freeze\" varchar, \"created_at\" datetime, \"updated_at\" datetime)");
            statement.execute("create unique index \"repositories_name_unique\" on \"repositories\" (\"name\")");
            statement.execute("insert into repositories (name, command, sub_dir, delay, freeze, created_at, updated_at)"
                    + " values ('nethsecurity', 'rclone sync x: source/nethsecurity', 'packages', 7, null,"
                    + " '2024-04-12 17:35:57', '2024-04-12 17:35:57')");
        }

        try (Database database = Database.open(file, "test", 2);
                Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select name, sub_dir from repositories")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("nethsecurity");
            assertThat(rows.getString(2)).isEqualTo("packages");
        }
    }

    @Test
    void threadsOpeningAFreshFileTogetherAllSucceed() throws Exception {
        Path file = home.resolve("fresh.sqlite");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> opened = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                opened.add(pool.submit(() -> {
                    try (Database database = Database.open(file, "t", 1)) {
                        return database.answers();
                    }
                }));
            }
            for (Future<Boolean> result : opened) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFileThatCannotBeOpenedFailsAtOnceNamingIt() throws Exception {
        Path folder = Files.createDirectories(home.resolve("storage"));
        long started = System.nanoTime();
        assertThatThrownBy(() -> Database.open(folder, "t", 1))
                .hasMessage("Cannot connect to the database " + folder
                        + ": [SQLITE_CANTOPEN] Unable to open the database file (unable to open database file)");
        // Not after the retries of a busy file (BUSY_TIMEOUT_MILLIS): nothing will change by waiting.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(Database.BUSY_TIMEOUT_MILLIS / 3));
    }

    private static String pragma(Statement statement, String name) throws Exception {
        try (ResultSet result = statement.executeQuery("PRAGMA " + name)) {
            result.next();
            return result.getString(1);
        }
    }
}
