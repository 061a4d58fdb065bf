package dev.parceler.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands a test (its {@code @BeforeEach} and {@code @Test} methods alike) one throw-away
 * {@link TestInstallation} in a fresh folder, closed and removed when the test ends: the set-up
 * and tear-down each test class would otherwise write again. A SQLite installation, unless the
 * test class is a {@link Kind} that makes its own (the PostgreSQL runs of a contract).
 */
public final class TestInstallations implements ParameterResolver {
    /** A test class whose installations are made otherwise, on a PostgreSQL database say. */
    public interface Kind {
        TestInstallation newInstallation(Path home);
    }

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestInstallations.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestInstallation.class;
    }

    @Override
    public TestInstallation resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Function<Path, TestInstallation> make = context.getTestInstance().filter(Kind.class::isInstance).map(Kind.class::cast)
                .<Function<Path, TestInstallation>>map(kind -> kind::newInstallation).orElse(TestInstallation::in);
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(Folder.class, key -> Folder.create(make), Folder.class).parceler();
    }

    /** The installation and its folder, which the test's store closes when the test ends. */
    private record Folder(Path home, TestInstallation parceler) implements AutoCloseable {
        static Folder create(Function<Path, TestInstallation> make) {
            try {
                Path home = Files.createTempDirectory("parceler-test");
                return new Folder(home, make.apply(home));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            parceler.close();
            try (Stream<Path> files = Files.walk(home)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
