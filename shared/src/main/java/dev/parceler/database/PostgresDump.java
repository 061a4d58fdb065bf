package dev.parceler.database;

import dev.parceler.config.PostgresSettings;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Backups of a PostgreSQL database are PostgreSQL's own: {@code pg_dump -Fc} (one consistent
 * snapshot, taken while every process runs) and {@code pg_restore}. The password reaches them in
 * {@code PGPASSWORD}, never on a command line, where every user of the machine could read it.
 */
public final class PostgresDump {
    private static final long DUMP_TIMEOUT_HOURS = 6;

    private final PostgresSettings server;
    private final Map<String, String> environment;

    /** {@code environment} is this process's: its PATH finds the programs, and the programs inherit it. */
    public PostgresDump(PostgresSettings server, Map<String, String> environment) {
        this.server = server;
        this.environment = environment;
    }

    /** {@code pg_dump} on the PATH, if any. */
    public Optional<Path> pgDump() {
        return onPath("pg_dump");
    }

    public List<String> dumpCommand(String program, Path file) {
        List<String> command = new ArrayList<>(List.of(program, "-Fc"));
        command.addAll(connection());
        command.addAll(List.of("-f", file.toString()));
        return command;
    }

    public List<String> restoreCommand(Path file) {
        List<String> command = new ArrayList<>(List.of("pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction"));
        command.addAll(connection());
        command.add(file.toString());
        return command;
    }

    /** The command as a shell line, for the operator to run. */
    public static String shellLine(List<String> command) {
        return String.join(" ", command.stream().map(PostgresDump::quoted).toList());
    }

    /** What the operator must add to run a printed command: the password, when there is one, in the environment. */
    public String passwordHint() {
        return server.password().isPresent() ? " with the database password in the PGPASSWORD environment variable" : "";
    }

    /** Runs {@code pg_dump -Fc} into a hidden file beside {@code target}, then renames it onto the target. */
    public void dump(Path program, Path target) {
        Path partial = SqliteBackup.partialFile(target);
        try {
            Path errors = Files.createTempFile("parceler-pg_dump", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(dumpCommand(program.toString(), partial))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errors.toFile());
                server.password().ifPresent(password -> builder.environment().put("PGPASSWORD", password));
                sslMode().ifPresent(mode -> builder.environment().put("PGSSLMODE", mode));
                Process process = builder.start();
                if (!process.waitFor(DUMP_TIMEOUT_HOURS, TimeUnit.HOURS)) {
                    process.destroyForcibly();
                    throw new BackupFailure("pg_dump did not finish within " + DUMP_TIMEOUT_HOURS + " hours; no backup was written.");
                }
                if (process.exitValue() != 0) {
                    String said = Files.readString(errors, StandardCharsets.UTF_8).strip().replaceAll("\\s*\\R\\s*", " ");
                    throw new BackupFailure("pg_dump failed (exit " + process.exitValue() + "): " + said);
                }
            } finally {
                Files.deleteIfExists(errors);
            }
            SqliteBackup.flush(partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            SqliteBackup.flushFolder(target.getParent());
        } catch (IOException e) {
            throw new BackupFailure("Cannot write the backup " + target + ": " + SqliteBackup.reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupFailure("Interrupted while pg_dump ran; no backup was written.", e);
        } finally {
            SqliteBackup.deleteQuietly(partial);
        }
    }

    private List<String> connection() {
        return List.of("-h", server.host(), "-p", Integer.toString(server.port()), "-U", server.username(), "-d", server.database());
    }

    /** The one JDBC option libpq shares by name; the others (ssl certificates) the operator sets in libpq's own variables. */
    private Optional<String> sslMode() {
        for (String option : server.options().split("&")) {
            if (option.startsWith("sslmode=")) {
                return Optional.of(option.substring("sslmode=".length()));
            }
        }
        return Optional.empty();
    }

    private Optional<Path> onPath(String program) {
        for (String folder : environment.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (folder.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(folder, program);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String quoted(String word) {
        return word.matches("[A-Za-z0-9_./:=@%+,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
