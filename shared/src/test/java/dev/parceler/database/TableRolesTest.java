package dev.parceler.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.TestInstallations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every table of the migrated schema has a role in {@link TableRoles}, so {@code db:copy} knows
 * whether to carry it over. A migration that adds a table fails this test until its line is added
 * there. Runs on SQLite here and on PostgreSQL in {@link TableRolesPostgresIT}.
 */
@ExtendWith(TestInstallations.class)
class TableRolesTest {
    TestInstallation parceler;

    @BeforeEach
    void open(TestInstallation parceler) {
        this.parceler = parceler;
    }

    @Test
    void everyTableOfTheSchemaHasARole() throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (Connection connection = parceler.installation().database().dataSource().getConnection();
                ResultSet rows = connection.getMetaData().getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                String name = rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!name.startsWith("sqlite_")) {
                    tables.add(name);
                }
            }
        }
        assertThat(tables).as("tables of the schema; give a new one its role in TableRoles").contains("repositories", "jobrunr_jobs");
        assertThat(new TreeSet<>(TableRoles.all().keySet()))
                .as("TableRoles names exactly the tables of the schema (a new table needs its line there)")
                .isEqualTo(tables);
    }
}
