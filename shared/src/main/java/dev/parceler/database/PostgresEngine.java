package dev.parceler.database;

import com.zaxxer.hikari.HikariConfig;
import dev.parceler.config.PostgresSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;

/**
 * A PostgreSQL server shared by every process. Concurrent writers need nothing special here
 * (row locks, no database-wide write lock), so the pool only connects and names itself.
 */
final class PostgresEngine implements Engine {
    /**
     * Key of the session advisory lock processes take turns on while migrating: Flyway's own lock
     * covers its migrations but not the job library's tables, created right after them, which two
     * processes starting together would otherwise both try to create. Any fixed number works; this
     * one spells "PRCL".
     */
    static final long MIGRATION_LOCK = 0x5052434CL;

    static final int MIGRATION_CONNECTIONS = 3;

    private final PostgresSettings server;

    PostgresEngine(PostgresSettings server) {
        this.server = server;
    }

    @Override
    public void configure(HikariConfig config) {
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername(server.username());
        server.password().ifPresent(config::setPassword);
        config.setConnectionTimeout(30_000);
        // Fail at once with the driver's reason (refused, no such database, bad password) rather than
        // a pool timeout: a process that cannot reach its database has nothing to wait for.
        config.setInitializationFailTimeout(1);
        config.addDataSourceProperty("ApplicationName", "parceler");
        // Migrating holds one connection for the advisory lock while Flyway works on two of its own
        // (its schema history and the migration): a smaller pool would wait for itself.
        config.setMaximumPoolSize(Math.max(MIGRATION_CONNECTIONS, config.getMaximumPoolSize()));
    }

    @Override
    public List<String> migrationLocations() {
        return List.of("classpath:db/migration", "classpath:db/postgresql");
    }

    @Override
    public void whileMigrating(DataSource dataSource, Runnable migration) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, MIGRATION_LOCK);
                lock.execute();
            }
            try {
                migration.run();
            } finally {
                try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, MIGRATION_LOCK);
                    unlock.execute();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the migration lock on " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public StorageProvider jobStorage(DataSource dataSource, DatabaseOptions options) {
        // No table prefix: the job library's tables (jobrunr_*) sit beside Parceler's in the default schema.
        return new PostgresStorageProvider(dataSource, options);
    }

    @Override
    public void beforeClose(DataSource dataSource) {
        // Nothing: the server keeps its own write-ahead log in check.
    }

    @Override
    public Optional<Path> localFile() {
        return Optional.empty();
    }

    @Override
    public String describe() {
        return server.describe();
    }
}
