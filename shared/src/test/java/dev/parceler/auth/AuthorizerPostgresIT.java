package dev.parceler.auth;

import dev.parceler.testing.PostgresDatabases;
import dev.parceler.testing.TestInstallation;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link AuthorizerTest} on PostgreSQL: app processes on several hosts meet there. */
class AuthorizerPostgresIT extends AuthorizerTest {
    @RegisterExtension
    final PostgresDatabases postgres = new PostgresDatabases();

    @Override
    TestInstallation newInstallation(Path home) {
        return postgres.installation(home);
    }
}
