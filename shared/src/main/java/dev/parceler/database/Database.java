package dev.parceler.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The SQLite file shared by every process. The connection settings are the ones that let
 * {@code serve}, {@code worker}, {@code scheduler} and console commands write at the same time
 * without "database is locked": WAL, IMMEDIATE transactions (a writer takes the lock when it
 * begins instead of failing to upgrade a read lock later, which no busy timeout can rescue) and
 * a generous busy timeout. Every pooled connection gets them because they are driver properties.
 */
public final class Database implements AutoCloseable {
    static final int BUSY_TIMEOUT_MILLIS = 30_000;

    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Opens the pool on {@code file}, creating its folder, and applies pending migrations. */
    public static Database open(Path file, String poolName, int maximumPoolSize) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the folder of the database " + file, e);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl("jdbc:sqlite:" + file.toAbsolutePath());
        config.setMaximumPoolSize(maximumPoolSize);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(BUSY_TIMEOUT_MILLIS + 5_000L);
        // Processes (or threads) opening a fresh file together contend for it while one switches it to
        // WAL: the pool's first connection is tried again for as long as a busy statement would wait.
        config.setInitializationFailTimeout(BUSY_TIMEOUT_MILLIS);
        config.setExceptionOverrideClassName(BrokenConnections.class.getName());
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("synchronous", "NORMAL");
        config.addDataSourceProperty("foreign_keys", "true");
        config.addDataSourceProperty("busy_timeout", Integer.toString(BUSY_TIMEOUT_MILLIS));
        config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        config.addDataSourceProperty("journal_size_limit", Long.toString(64L * 1024 * 1024));
        config.addDataSourceProperty("date_class", "TEXT");
        Database database = new Database(new HikariDataSource(config));
        try {
            new Migrations(database.dataSource, file).apply();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** True when the database answers a trivial query; used by health checks. */
    public boolean answers() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            return statement.executeQuery("select 1").next();
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (dataSource.isClosed()) {
            return;
        }
        // A passive checkpoint keeps the WAL from growing across restarts; failure is harmless.
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (SQLException e) {
            // Another process holds the database; its own checkpoints will do.
        }
        dataSource.close();
    }
}
