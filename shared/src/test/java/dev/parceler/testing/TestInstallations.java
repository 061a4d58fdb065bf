package dev.parceler.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands a test (its {@code @BeforeEach} and {@code @Test} methods alike) one throw-away
 * {@link TestInstallation} in a fresh folder, closed and removed when the test ends: the set-up
 * and tear-down each test class would otherwise write again. A SQLite installation, unless the
 * test class is {@link OnPostgres}: then its database is a new one on the run's PostgreSQL server,
 * dropped when the test ends. So a contract's PostgreSQL run is one line:
 * {@code class XPostgresIT extends XTest implements OnPostgres {}}.
 */
public final class TestInstallations implements ParameterResolver {
    /** A test class whose installations keep their tables on PostgreSQL instead of SQLite. */
    public interface OnPostgres {
    }

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestInstallations.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestInstallation.class;
    }

    @Override
    public TestInstallation resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Optional<PostgresServer> server = context.getTestInstance().filter(OnPostgres.class::isInstance)
                .map(onPostgres -> PostgresDatabases.server(context));
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(Folder.class, key -> Folder.create(server), Folder.class).parceler();
    }

    /** The installation, its folder and its PostgreSQL database if any, which the test's store closes when the test ends. */
    private record Folder(Path home, TestInstallation parceler, Optional<PostgresServer> server, String database)
            implements AutoCloseable {
        static Folder create(Optional<PostgresServer> server) {
            try {
                Path home = Files.createTempDirectory("parceler-test");
                TestInstallation parceler = TestInstallation.in(home);
                String database = server.map(PostgresServer::freshDatabase).orElse("");
                server.ifPresent(postgres -> postgres.environment(database).forEach(parceler::env));
                return new Folder(home, parceler, server, database);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            parceler.close();
            server.ifPresent(postgres -> postgres.dropDatabase(database));
            try (Stream<Path> files = Files.walk(home)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
