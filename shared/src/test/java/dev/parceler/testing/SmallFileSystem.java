package dev.parceler.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real file system of a few MiB (a tmpfs) mounted on a folder, to fill for real: "No space left
 * on device" from the kernel, SQLITE_FULL from SQLite. Mounting needs root: without it (or
 * without {@code mount}) the test is skipped with a message naming what is missing, except under
 * {@code CI=true}, where it fails.
 */
public final class SmallFileSystem implements AutoCloseable {
    private final Path mountPoint;

    private SmallFileSystem(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    public static SmallFileSystem mount(Path mountPoint, int mebibytes) {
        Path mount = ExternalBinary.require("mount");
        try {
            Files.createDirectories(mountPoint);
            Process process = new ProcessBuilder(mount.toString(), "-t", "tmpfs", "-o", "size=" + mebibytes + "m,mode=0755", "tmpfs",
                    mountPoint.toString()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                String message = "a small file system for this test needs root to mount a tmpfs (mount -t tmpfs): " + output;
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    Assertions.fail(message + "; CI must not skip this test");
                }
                Assumptions.abort(message + "; test skipped");
            }
            return new SmallFileSystem(mountPoint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Path root() {
        return mountPoint;
    }

    public long free() {
        try {
            return Files.getFileStore(mountPoint).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code file} until the file system is full; returns how many bytes it took. */
    public long fill(Path file) {
        byte[] block = new byte[64 * 1024];
        long written = 0;
        try (var out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
                written += block.length;
            }
        } catch (IOException full) {
            // No space left on device: the point.
        }
        // A last few bytes, up to the very end.
        try (var out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND)) {
            for (int i = 0; i < block.length; i++) {
                out.write(0);
                out.flush();
                written++;
            }
        } catch (IOException full) {
            // Full to the byte.
        }
        return written;
    }

    @Override
    public void close() {
        try {
            new ProcessBuilder(List.of("umount", "-l", mountPoint.toString())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
