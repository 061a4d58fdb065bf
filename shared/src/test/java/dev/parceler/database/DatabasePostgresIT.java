package dev.parceler.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parceler.config.DatabaseSettings;
import dev.parceler.config.PostgresSettings;
import dev.parceler.testing.PostgresDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Opening and migrating a PostgreSQL database, as {@link DatabaseTest} does for the SQLite file. */
class DatabasePostgresIT {
    @RegisterExtension
    final PostgresDatabases postgres = new PostgresDatabases();

    @Test
    void migratesAnEmptyDatabaseOnceAndRecordsTheLatestVersion() throws Exception {
        String name = postgres.emptyEnvironment().get("DB_DATABASE");
        DatabaseSettings settings = postgres.server().settings(name);
        try (Database database = Database.open(settings, "test", 2)) {
            assertThat(database.answers()).isTrue();
            assertThat(database.localFile()).as("no file to watch on a server").isEmpty();
            assertThat(database.describe()).isEqualTo("postgresql://parceler@127.0.0.1:" + postgres.server().port() + "/" + name);
            assertThat(new Migrations(database.dataSource(), Engine.of(settings)).upToDate()).isTrue();
        }
        try (Connection connection = postgres.server().connect(name); Statement statement = connection.createStatement()) {
            assertThat(tables(statement)).contains("repositories", "job_runs", "snapshot_pins", "rings", "jobrunr_jobs",
                    "flyway_schema_history");
            try (ResultSet version = statement.executeQuery(
                    "SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success")) {
                version.next();
                assertThat(version.getInt(1)).isEqualTo(Migrations.LATEST);
            }
            try (ResultSet type = statement.executeQuery("SELECT data_type FROM information_schema.columns"
                    + " WHERE table_name = 'repository_leases' AND column_name = 'expires_at'")) {
                type.next();
                assertThat(type.getString(1)).as("epoch milliseconds outgrow 32 bits").isEqualTo("bigint");
            }
        }
    }

    @Test
    void threadsMigratingAnEmptyDatabaseTogetherAllSucceed() throws Exception {
        DatabaseSettings settings = postgres.server().settings(postgres.emptyEnvironment().get("DB_DATABASE"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> opened = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                opened.add(pool.submit(() -> {
                    try (Database database = Database.open(settings, "t", 2)) {
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
    void anUnreachableServerFailsAtOnceNamingItWithoutThePassword() {
        DatabaseSettings nowhere = DatabaseSettings.postgres(new PostgresSettings("127.0.0.1", postgres.server().port(),
                "no_such_database", "parceler", Optional.of("pw-secret"), ""));

        assertThatThrownBy(() -> Database.open(nowhere, "t", 2))
                .hasMessageStartingWith("Cannot connect to the database postgresql://parceler@127.0.0.1:" + postgres.server().port()
                        + "/no_such_database: ")
                .message().doesNotContain("pw-secret");
    }

    private static List<String> tables(Statement statement) throws Exception {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
