package dev.parceler.database;

import dev.parceler.testing.PostgresDatabases;
import dev.parceler.testing.TestInstallation;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SharedTablesTest} on PostgreSQL. */
class SharedTablesPostgresIT extends SharedTablesTest {
    @RegisterExtension
    final PostgresDatabases postgres = new PostgresDatabases();

    @Override
    TestInstallation newInstallation(Path home) {
        return postgres.installation(home);
    }
}
