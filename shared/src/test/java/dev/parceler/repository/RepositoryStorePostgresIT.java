package dev.parceler.repository;

import dev.parceler.testing.PostgresDatabases;
import dev.parceler.testing.TestInstallation;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RepositoryStoreTest} on PostgreSQL. */
class RepositoryStorePostgresIT extends RepositoryStoreTest {
    @RegisterExtension
    final PostgresDatabases postgres = new PostgresDatabases();

    @Override
    TestInstallation newInstallation(Path home) {
        return postgres.installation(home);
    }
}
