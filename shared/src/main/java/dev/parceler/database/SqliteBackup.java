package dev.parceler.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A consistent copy of the live SQLite database, taken while every process goes on writing.
 * {@code VACUUM INTO} reads one snapshot of the database (WAL readers never block writers) and
 * writes it compacted into a hidden file beside the target; the copy is checked, made a single
 * self-contained file, flushed to disk and only then renamed onto the target, so the target is
 * either the whole backup or untouched.
 */
public final class SqliteBackup {
    private final DataSource live;
    private final Path liveFile;

    public SqliteBackup(DataSource live, Path liveFile) {
        this.live = live;
        this.liveFile = liveFile.toAbsolutePath().normalize();
    }

    public BackupFile.Facts backup(Path requested, boolean force) {
        Path target = requested.toAbsolutePath().normalize();
        if (java.util.stream.Stream.of("", "-wal", "-shm", "-journal")
                .anyMatch(suffix -> target.equals(liveFile.resolveSibling(liveFile.getFileName() + suffix)))) {
            throw new BackupFailure(target + " is the live database: write the backup to another file.");
        }
        if (Files.isDirectory(target)) {
            throw new BackupFailure(target + " is a folder: name the backup file to write.");
        }
        if (Files.exists(target) && !force) {
            throw new BackupFailure(target + " already exists: add --force to replace it.");
        }
        Path folder = target.getParent();
        if (!Files.isDirectory(folder)) {
            throw new BackupFailure("Cannot write " + target + ": the folder " + folder + " does not exist.");
        }
        Path partial = partialFile(target);
        try {
            try (Connection connection = live.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("VACUUM INTO '" + partial.toString().replace("'", "''") + "'");
            } catch (SQLException e) {
                throw new BackupFailure("Cannot write the backup " + target + ": " + e.getMessage(), e);
            }
            // The copy keeps the live file's WAL mode; a backup is one file that opens anywhere, read-only too.
            try (Connection copy = DriverManager.getConnection("jdbc:sqlite:" + partial);
                    Statement statement = copy.createStatement()) {
                statement.execute("PRAGMA journal_mode=DELETE");
            } catch (SQLException e) {
                throw new BackupFailure("Cannot finish the backup " + target + ": " + e.getMessage(), e);
            }
            BackupFile.Facts facts = new BackupFile(partial).facts();
            flush(partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            flushFolder(folder);
            return facts;
        } catch (IOException e) {
            throw new BackupFailure("Cannot write the backup " + target + ": " + reason(e), e);
        } finally {
            deleteQuietly(partial);
        }
    }

    /** A hidden file in the target's folder, so that the final rename stays on one file system. */
    static Path partialFile(Path target) {
        Path folder = target.getParent();
        try {
            return Files.createTempFile(folder, "." + target.getFileName() + ".", ".partial");
        } catch (IOException e) {
            throw new BackupFailure("Cannot write in " + folder + ": " + reason(e), e);
        }
    }

    static void flush(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Makes a rename in {@code folder} durable; where a folder cannot be opened, the rename stands as it is. */
    static void flushFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not every file system lets a folder be synced; the rename itself is already atomic.
        }
    }

    static void deleteQuietly(Path file) {
        for (String suffix : new String[] {"", "-journal", "-wal", "-shm"}) {
            try {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            } catch (IOException e) {
                // Best effort: a leftover hidden file is named in no message and harms nothing.
            }
        }
    }

    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof java.nio.file.FileSystemException system && system.getReason() != null) {
            return system.getReason();
        }
        return String.valueOf(e.getMessage());
    }
}
