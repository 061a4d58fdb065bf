package dev.parceler.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.parceler.config.DatabaseSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;

/**
 * The database shared by every process, SQLite file or PostgreSQL server, as a pool whose schema
 * is up to date. What differs between the two lives in its {@link Engine}.
 */
public final class Database implements AutoCloseable {
    static final int BUSY_TIMEOUT_MILLIS = 30_000;

    private final HikariDataSource dataSource;
    private final Engine engine;

    private Database(HikariDataSource dataSource, Engine engine) {
        this.dataSource = dataSource;
        this.engine = engine;
    }

    /** Opens the pool on the SQLite {@code file}, creating its folder, and applies pending migrations. */
    public static Database open(Path file, String poolName, int maximumPoolSize) {
        return open(DatabaseSettings.sqlite(file), poolName, maximumPoolSize);
    }

    /** Opens the pool on the configured database and applies pending migrations. */
    public static Database open(DatabaseSettings settings, String poolName, int maximumPoolSize) {
        Engine engine = Engine.of(settings);
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setMaximumPoolSize(maximumPoolSize);
        config.setMinimumIdle(1);
        engine.configure(config);
        HikariDataSource pool;
        try {
            engine.probe();
            pool = new HikariDataSource(config);
        } catch (SQLException | HikariPool.PoolInitializationException e) {
            // Name the database (never the password): the driver's reason alone does not say which settings to check.
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("Cannot connect to the database " + engine.describe() + ": " + cause.getMessage(), e);
        }
        Database database = new Database(pool, engine);
        try {
            new Migrations(database.dataSource, engine).apply();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The job library's store in this database (its tables are created by the migrations). */
    public StorageProvider jobStorage() {
        return engine.jobStorage(dataSource, DatabaseOptions.SKIP_CREATE);
    }

    /** The local file holding the database, whose disk must keep some room; empty for a server. */
    public Optional<Path> localFile() {
        return engine.localFile();
    }

    /** The file, or the server and database (never the password), for messages. */
    public String describe() {
        return engine.describe();
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
        engine.beforeClose(dataSource);
        dataSource.close();
    }
}
