package dev.parceler.console;

import dev.parceler.testing.PostgresDatabases;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.TestInstallations;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RingCommandsTest} on PostgreSQL. */
class RingCommandsPostgresIT extends RingCommandsTest implements TestInstallations.Kind {
    @RegisterExtension
    final PostgresDatabases postgres = new PostgresDatabases();

    @Override
    public TestInstallation newInstallation(Path home) {
        return postgres.installation(home);
    }
}
