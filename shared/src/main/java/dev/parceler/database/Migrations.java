package dev.parceler.database;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;
import org.jobrunr.storage.sql.sqlite.SqLiteStorageProvider;

/**
 * Brings the schema up to date: Parceler's own migrations under {@code db/migration} (Flyway),
 * then the job library's tables, in that order (Flyway refuses a schema it did not start).
 * Every entry point runs this first. Processes started together on a fresh file would race to
 * create the same tables, so they take turns on an exclusive lock file beside the database.
 *
 * <p>Loading Flyway and the job library costs about half a second, more than a console command
 * may take in all; when the database already records {@link #LATEST} and the job library's
 * version, nothing is loaded.
 */
final class Migrations {
    /** Version of the newest file in {@code db/migration}; a test keeps the two in step. */
    static final int LATEST = 12;
    static final String JOB_SCHEMA_KEY = "jobrunr.schema";

    private final DataSource dataSource;
    private final Path databaseFile;
    private final String jobLibraryVersion;

    Migrations(DataSource dataSource, Path databaseFile) {
        this.dataSource = dataSource;
        this.databaseFile = databaseFile;
        this.jobLibraryVersion = buildProperty("jobrunr.version");
    }

    void apply() {
        if (upToDate()) {
            return;
        }
        // The file lock orders processes; threads of one process (serve with its worker) queue here first.
        synchronized (Migrations.class) {
            migrateUnderFileLock();
        }
    }

    @SuppressWarnings("try") // the lock is held for the block, not used in it
    private void migrateUnderFileLock() {
        Path lockFile = databaseFile.resolveSibling(databaseFile.getFileName() + ".migrate.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            if (upToDate()) {
                return;
            }
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    // A database copied from the Laravel application already has tables.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .cleanDisabled(true)
                    .load()
                    .migrate();
            new SqLiteStorageProvider(dataSource, DatabaseOptions.CREATE);
            new MetaValues(dataSource).put(JOB_SCHEMA_KEY, jobLibraryVersion);
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("The migration lock " + lockFile + " is held by this process", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + lockFile + " to migrate the database", e);
        }
    }

    boolean upToDate() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet tables = statement.executeQuery(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('flyway_schema_history', 'parceler_meta')")) {
                if (!tables.next() || tables.getInt(1) < 2) {
                    return false;
                }
            }
            try (ResultSet version = statement.executeQuery(
                    "SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success = 1 AND type = 'SQL'")) {
                if (!version.next() || version.getInt(1) < LATEST) {
                    return false;
                }
            }
        } catch (SQLException e) {
            return false;
        }
        return new MetaValues(dataSource).get(JOB_SCHEMA_KEY).filter(jobLibraryVersion::equals).isPresent();
    }

    private static String buildProperty(String name) {
        Properties properties = new Properties();
        try (InputStream in = Migrations.class.getResourceAsStream("/parceler-build.properties")) {
            if (in == null) {
                throw new IllegalStateException("parceler-build.properties is missing from the build");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty(name);
    }
}
