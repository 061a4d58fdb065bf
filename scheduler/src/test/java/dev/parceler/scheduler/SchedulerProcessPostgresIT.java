package dev.parceler.scheduler;

import dev.parceler.testing.PostgresDatabases;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.TestInstallations;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SchedulerProcessTest} on PostgreSQL. */
class SchedulerProcessPostgresIT extends SchedulerProcessTest implements TestInstallations.Kind {
    @RegisterExtension
    final PostgresDatabases postgres = new PostgresDatabases();

    @Override
    public TestInstallation newInstallation(Path home) {
        return postgres.installation(home);
    }
}
