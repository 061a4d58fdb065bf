package dev.parceler.snapshot;

import dev.parceler.testing.PostgresDatabases;
import dev.parceler.testing.TestInstallation;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SnapshotCatalogTest} on PostgreSQL. */
class SnapshotCatalogPostgresIT extends SnapshotCatalogTest {
    @RegisterExtension
    final PostgresDatabases postgres = new PostgresDatabases();

    @Override
    TestInstallation newInstallation(Path home) {
        return postgres.installation(home);
    }
}
