package dev.parceler.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each test databases of its own on one PostgreSQL server per test run: register it with
 * {@code @RegisterExtension final PostgresDatabases postgres = new PostgresDatabases();} and ask
 * {@link #installation(Path)} or {@link #environment()}. The server starts with the first test that
 * needs it and stops when the run ends (JUnit closes what its root store holds then); each test's databases are
 * dropped after it. Without PostgreSQL on the machine the test is skipped, under CI=true it fails.
 */
public final class PostgresDatabases implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresDatabases.class);

    private PostgresServer server;
    private final List<String> created = new ArrayList<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        server = server(context);
    }

    /** The run's one server, started by the first test that asks. */
    static PostgresServer server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(PostgresServer.class, key -> PostgresServer.start(), PostgresServer.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (String database : created) {
            server.dropDatabase(database);
        }
        created.clear();
    }

    public PostgresServer server() {
        return server;
    }

    /** Settings of a new migrated database, for {@link TestInstallation#env} or a process's environment. */
    public Map<String, String> environment() {
        String database = server.freshDatabase();
        created.add(database);
        return server.environment(database);
    }

    /** Settings of a new database without any table. */
    public Map<String, String> emptyEnvironment() {
        String database = server.emptyDatabase();
        created.add(database);
        return server.environment(database);
    }

    /** A test installation in {@code home} (its disk) whose database is a new one on the server. */
    public TestInstallation installation(Path home) {
        TestInstallation installation = TestInstallation.in(home);
        environment().forEach(installation::env);
        return installation;
    }
}
