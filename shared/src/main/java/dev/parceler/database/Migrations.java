package dev.parceler.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;

/**
 * Brings the schema up to date: Parceler's own migrations (Flyway), then the job library's
 * tables, in that order (Flyway refuses a schema it did not start). Every entry point runs this
 * first. Processes started together on a fresh database would race to create the same tables, so
 * they take turns under the engine's migration lock.
 *
 * <p>Migrations live in {@code db/migration} when their SQL runs on every database, and in
 * {@code db/sqlite} and {@code db/postgresql} (one file per version in each) when it cannot: column
 * types differ (an id that counts by itself, epoch milliseconds that outgrow PostgreSQL's 32-bit
 * INTEGER). One version is never in both places.
 *
 * <p>Loading Flyway and the job library costs about half a second, more than a console command
 * may take in all; when the database already records {@link #LATEST} and the job library's
 * version, nothing is loaded.
 */
final class Migrations {
    /** Version of the newest migration file; a test keeps the two in step. */
    static final int LATEST = 16;
    static final String JOB_SCHEMA_KEY = "jobrunr.schema";

    private final DataSource dataSource;
    private final Engine engine;
    private final String jobLibraryVersion;

    Migrations(DataSource dataSource, Engine engine) {
        this.dataSource = dataSource;
        this.engine = engine;
        this.jobLibraryVersion = buildProperty("jobrunr.version");
    }

    void apply() {
        if (upToDate()) {
            return;
        }
        // The engine's lock orders processes; threads of one process (serve with its worker) queue here first.
        synchronized (Migrations.class) {
            engine.whileMigrating(dataSource, this::migrate);
        }
    }

    private void migrate() {
        if (upToDate()) {
            return;
        }
        Flyway.configure()
                .dataSource(dataSource)
                .locations(engine.migrationLocations().toArray(String[]::new))
                // A database copied from the Laravel application already has tables.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .cleanDisabled(true)
                .load()
                .migrate();
        engine.jobStorage(dataSource, DatabaseOptions.CREATE);
        new MetaValues(dataSource).put(JOB_SCHEMA_KEY, jobLibraryVersion);
    }

    boolean upToDate() {
        // A fresh database has neither table: the query fails, which means "migrate" as well.
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet version = statement.executeQuery(
                    "SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success AND type = 'SQL'")) {
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
