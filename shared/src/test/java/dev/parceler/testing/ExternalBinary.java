package dev.parceler.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds a program a test needs (rclone, nginx, script). Without it the test is skipped with a
 * message naming it, except under {@code CI=true}, where it fails: CI never passes by skipping.
 */
public final class ExternalBinary {
    private ExternalBinary() {
    }

    public static Path require(String name) {
        Optional<Path> found = find(name);
        if (found.isPresent()) {
            return found.get();
        }
        String message = "'" + name + "' is not installed (see .ci/run for the packages the tests need)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + "; CI must not skip this test");
        }
        Assumptions.abort(message + "; test skipped");
        throw new IllegalStateException("unreachable");
    }

    /** As {@link #require(String)}, for a file a Debian package installs ({@code what} names the package). */
    public static Path requireFile(Path file, String what) {
        if (Files.isRegularFile(file)) {
            return file;
        }
        String message = file + " is not there: '" + what + "' is not installed (see .ci/run for the packages the tests need)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + "; CI must not skip this test");
        }
        Assumptions.abort(message + "; test skipped");
        throw new IllegalStateException("unreachable");
    }

    public static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String folder : (path + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/sbin").split(File.pathSeparator)) {
            Path candidate = Path.of(folder, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
