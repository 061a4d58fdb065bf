package dev.parceler.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built {@code parceler.jar} as its own process, in an installation's folder and with
 * only the environment given, as an operator would.
 */
public final class ParcelerProcess {
    private ParcelerProcess() {
    }

    /** The jar under test, as built by {@code mvn package} (failsafe passes its path). */
    public static Path jar() {
        String configured = System.getProperty("parceler.jar");
        Path jar = configured != null ? Path.of(configured) : Path.of("target/parceler.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No jar at " + jar.toAbsolutePath() + ": run 'mvn verify', which packages it first");
        }
        return jar.toAbsolutePath();
    }

    public static List<String> javaCommand(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(arguments));
        return command;
    }

    public static ProcessBuilder builder(Path home, Map<String, String> environment, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().put("HOME", home.toString());
        builder.environment().putAll(environment);
        return builder;
    }

    /** Runs {@code parceler <arguments>} to completion with empty standard input. */
    public static ConsoleResult run(Path home, Map<String, String> environment, String... arguments) {
        return run(builder(home, environment, javaCommand(arguments)), "");
    }

    public static ConsoleResult run(ProcessBuilder builder, String input) {
        try {
            Path out = Files.createTempFile("parceler-out", ".txt");
            Path err = Files.createTempFile("parceler-err", ".txt");
            try {
                Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
                process.getOutputStream().close();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("Timed out: " + builder.command());
                }
                return new ConsoleResult(process.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
