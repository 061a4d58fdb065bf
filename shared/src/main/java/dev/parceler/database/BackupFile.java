package dev.parceler.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A SQLite file said to hold a Parceler database (a backup, or the source of a copy): {@link #facts}
 * checks that it is one, undamaged and no newer than this build, before anything relies on it.
 */
public final class BackupFile {
    private final Path file;

    public BackupFile(Path file) {
        this.file = file.toAbsolutePath();
    }

    public Path path() {
        return file;
    }

    /** What the file holds; a {@link BackupFailure} saying what is wrong when it is not a usable Parceler database. */
    public Facts facts() {
        if (!Files.isRegularFile(file)) {
            throw new BackupFailure("No file " + file + ".");
        }
        if (!Files.isReadable(file)) {
            throw new BackupFailure("Cannot read " + file + ".");
        }
        // Opening a file that is not a database succeeds; the first query fails.
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            String check;
            try (ResultSet rows = statement.executeQuery("PRAGMA quick_check")) {
                check = rows.next() ? rows.getString(1) : "no answer";
            }
            if (!"ok".equals(check)) {
                throw new BackupFailure(file + " is damaged (SQLite's quick_check: " + check.strip() + ").");
            }
            if (!hasTable(statement, "flyway_schema_history") || !hasTable(statement, "repositories")) {
                throw new BackupFailure(file + " is a SQLite database but not a Parceler one (it has no migration history).");
            }
            int version;
            try (ResultSet rows = statement.executeQuery(
                    "SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success AND type = 'SQL'")) {
                version = rows.next() ? rows.getInt(1) : 0;
            }
            if (version > Migrations.LATEST) {
                throw new BackupFailure(file + " holds schema version " + version + ", newer than this build of Parceler knows ("
                        + Migrations.LATEST + "): use the Parceler release that made it.");
            }
            return new Facts(version, count(statement, "repositories"), count(statement, "job_runs"),
                    hasTable(statement, "jobrunr_jobs") ? count(statement, "jobrunr_jobs") : 0);
        } catch (SQLException e) {
            throw new BackupFailure(file + " is not a readable SQLite database: " + e.getMessage(), e);
        }
    }

    private static boolean hasTable(Statement statement, String table) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'")) {
            return rows.next();
        }
    }

    private static long count(Statement statement, String table) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /** What a Parceler database holds, as the console reports it. */
    public record Facts(int schemaVersion, long repositories, long runs, long jobs) {
        public String describe() {
            return "schema version " + schemaVersion + ", " + repositories + " repositories, " + runs + " job runs, " + jobs + " jobs";
        }
    }
}
