package dev.parceler.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A long-running Parceler process (worker, scheduler, serve) started by a test, with its log. */
public final class Background implements AutoCloseable {
    private final Process process;
    private final Path log;

    private Background(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code parceler <arguments>} in {@code home}; its output goes to {@code <home>/<name>.log}. */
    public static Background start(Path home, Map<String, String> environment, String name, String... arguments) {
        Path log = home.resolve(name + ".log");
        try {
            Process process = ParcelerProcess.builder(home, environment, ParcelerProcess.javaCommand(arguments))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new Background(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The process's id (the JVM itself, no shell in between). */
    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM, as a supervisor stops a service; waits for the exit. */
    public int stop() {
        process.destroy();
        return waitFor();
    }

    /** SIGKILL: the process dies where it stands. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    private int waitFor() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    public static void closeAll(List<Background> processes) {
        processes.forEach(Background::close);
    }
}
