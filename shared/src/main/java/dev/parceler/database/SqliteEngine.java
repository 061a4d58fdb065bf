package dev.parceler.database;

import com.zaxxer.hikari.HikariConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;
import org.jobrunr.storage.sql.sqlite.SqLiteStorageProvider;
import org.sqlite.SQLiteErrorCode;

/**
 * The SQLite file shared by every process. The connection settings are the ones that let
 * {@code serve}, {@code worker}, {@code scheduler} and console commands write at the same time
 * without "database is locked": WAL, IMMEDIATE transactions (a writer takes the lock when it
 * begins instead of failing to upgrade a read lock later, which no busy timeout can rescue) and
 * a generous busy timeout. Every pooled connection gets them because they are driver properties.
 */
final class SqliteEngine implements Engine {
    private final Path file;

    SqliteEngine(Path file) {
        this.file = file.toAbsolutePath();
    }

    @Override
    public void configure(HikariConfig config) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the folder of the database " + file, e);
        }
        config.setJdbcUrl("jdbc:sqlite:" + file);
        config.setConnectionTimeout(Database.BUSY_TIMEOUT_MILLIS + 5_000L);
        // Processes (or threads) opening a fresh file together contend for it while one switches it to
        // WAL: the pool's first connection is tried again for as long as a busy statement would wait.
        config.setInitializationFailTimeout(Database.BUSY_TIMEOUT_MILLIS);
        config.setExceptionOverrideClassName(BrokenConnections.class.getName());
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("synchronous", "NORMAL");
        config.addDataSourceProperty("foreign_keys", "true");
        config.addDataSourceProperty("busy_timeout", Integer.toString(Database.BUSY_TIMEOUT_MILLIS));
        config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        config.addDataSourceProperty("journal_size_limit", Long.toString(64L * 1024 * 1024));
        config.addDataSourceProperty("date_class", "TEXT");
    }

    /**
     * One plain connection first: a file that cannot be opened (a folder, no permission, not a
     * database) fails as it is; the pool would try it again for BUSY_TIMEOUT_MILLIS. Busy or
     * locked is left to the pool, which waits for the process switching a fresh file to WAL.
     */
    @Override
    public void probe() throws SQLException {
        try (Connection probe = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            probe.getMetaData();
        } catch (SQLException e) {
            int primary = e.getErrorCode() & 0xff;
            if (primary != SQLiteErrorCode.SQLITE_BUSY.code && primary != SQLiteErrorCode.SQLITE_LOCKED.code) {
                throw e;
            }
        }
    }

    @Override
    public List<String> migrationLocations() {
        return List.of("classpath:db/migration", "classpath:db/sqlite");
    }

    /**
     * Processes started together on a fresh file would race to create the same tables, so they take
     * turns on an exclusive lock file beside the database (SQLite has no lock that outlives a
     * statement without blocking every other writer).
     */
    @Override
    @SuppressWarnings("try") // the lock is held for the block, not used in it
    public void whileMigrating(DataSource dataSource, Runnable migration) {
        Path lockFile = file.resolveSibling(file.getFileName() + ".migrate.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            migration.run();
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("The migration lock " + lockFile + " is held by this process", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + lockFile + " to migrate the database", e);
        }
    }

    @Override
    public StorageProvider jobStorage(DataSource dataSource, DatabaseOptions options) {
        return new SqLiteStorageProvider(dataSource, options);
    }

    /** A passive checkpoint keeps the WAL from growing across restarts. */
    @Override
    public void beforeClose(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (SQLException e) {
            // Another process holds the database; its own checkpoints will do.
        }
    }

    @Override
    public Optional<Path> localFile() {
        return Optional.of(file);
    }

    @Override
    public String describe() {
        return file.toString();
    }
}
