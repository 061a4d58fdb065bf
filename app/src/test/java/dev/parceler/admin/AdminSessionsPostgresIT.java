package dev.parceler.admin;

import dev.parceler.testing.PostgresDatabases;
import dev.parceler.testing.TestInstallation;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link AdminSessionsTest} on PostgreSQL. */
class AdminSessionsPostgresIT extends AdminSessionsTest {
    @RegisterExtension
    final PostgresDatabases postgres = new PostgresDatabases();

    @Override
    TestInstallation newInstallation(Path home) {
        return postgres.installation(home);
    }
}
