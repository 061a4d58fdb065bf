package dev.parceler.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Applies the schema migrations under {@code db/migration}. Every entry point runs this first.
 * Processes started together on a fresh file would race to create the same tables, so they
 * take turns on an exclusive lock file beside the database.
 *
 * <p>Loading Flyway costs about half a second, more than a console command may take in all; when
 * the history already records {@link #LATEST}, there is nothing to apply and Flyway is not loaded.
 */
final class Migrations {
    /** Version of the newest file in {@code db/migration}; a test keeps the two in step. */
    static final int LATEST = 1;

    private final DataSource dataSource;
    private final Path databaseFile;

    Migrations(DataSource dataSource, Path databaseFile) {
        this.dataSource = dataSource;
        this.databaseFile = databaseFile;
    }

    void apply() {
        if (appliedVersion() >= LATEST) {
            return;
        }
        // The file lock orders processes; threads of one process (serve with its worker) queue here first.
        synchronized (Migrations.class) {
            migrateUnderFileLock();
        }
    }

    private void migrateUnderFileLock() {
        Path lockFile = databaseFile.resolveSibling(databaseFile.getFileName() + ".migrate.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    // Job tables belong to the job library; the schema is not Flyway's alone.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .cleanDisabled(true)
                    .load()
                    .migrate();
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("The migration lock " + lockFile + " is held by this process", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + lockFile + " to migrate the database", e);
        }
    }

    /** Highest migration recorded as applied, 0 on a new database. */
    int appliedVersion() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet table = statement.executeQuery(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'flyway_schema_history'")) {
                if (!table.next()) {
                    return 0;
                }
            }
            try (ResultSet version = statement.executeQuery(
                    "SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success = 1 AND type = 'SQL'")) {
                return version.next() ? version.getInt(1) : 0;
            }
        } catch (SQLException e) {
            return 0;
        }
    }
}
