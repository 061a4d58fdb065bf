package dev.parceler.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps the tests that measure a time bound off the machine while the container stacks run.
 * Integration tests run in several JVMs at once; a stack of nine containers on two cores delays
 * a process by more than a bound of one second allows. The stacks hold this lock alone, the
 * timed tests share it (a file lock, so it holds across the test JVMs).
 */
public final class MachineLoad implements AutoCloseable {
    private static final Path FILE = Path.of(System.getProperty("java.io.tmpdir"), "parceler-tests-machine-load.lock");

    private final FileChannel channel;
    private final FileLock lock;

    private MachineLoad(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** For a test that loads the whole machine: waits until no timed test runs, and keeps them waiting. */
    public static MachineLoad heavy() {
        return take(false);
    }

    /** For a test that measures a time bound: waits until no heavy test runs. */
    public static MachineLoad timed() {
        return take(true);
    }

    private static MachineLoad take(boolean shared) {
        try {
            FileChannel channel = FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            return new MachineLoad(channel, channel.lock(0, Long.MAX_VALUE, shared));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // The lock goes with the channel, or with the process.
        }
    }
}
