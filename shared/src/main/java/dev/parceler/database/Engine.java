package dev.parceler.database;

import com.zaxxer.hikari.HikariConfig;
import dev.parceler.config.DatabaseSettings;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;

/**
 * What differs between the databases Parceler can share: how the pool connects, which migration
 * folders apply, how processes take turns migrating, which job store the job library uses, and
 * what closing does. {@link #of} is the only switch on the kind; nothing else asks which
 * database it has.
 */
interface Engine {
    static Engine of(DatabaseSettings settings) {
        return switch (settings.kind()) {
            case SQLITE -> new SqliteEngine(settings.file().orElseThrow());
            case PGSQL -> new PostgresEngine(settings.postgres().orElseThrow());
        };
    }

    /** The pool's connection settings (the caller names the pool and sizes it). */
    void configure(HikariConfig config);

    /**
     * Fails at once when the database cannot be opened at all, so that an operator with a wrong
     * setting is not kept waiting for retries meant for a busy database.
     */
    default void probe() throws SQLException {
    }

    /** Flyway locations: the migrations every database shares, then this database's own. */
    List<String> migrationLocations();

    /** Runs {@code migration} while no other process migrates the same database. */
    void whileMigrating(DataSource dataSource, Runnable migration);

    StorageProvider jobStorage(DataSource dataSource, DatabaseOptions options);

    /** Work worth doing before the pool closes; failures are harmless. */
    void beforeClose(DataSource dataSource);

    /** The local file holding the database, whose disk must keep some room; empty for a server. */
    Optional<Path> localFile();

    String describe();
}
