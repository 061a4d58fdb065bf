package dev.parceler.database;

import dev.parceler.health.Heartbeat;
import dev.parceler.health.Heartbeats;
import dev.parceler.health.Liveness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteDataSource;

/**
 * Puts a backup in place of the SQLite database. The backup is first copied beside the database and
 * checked there ({@link BackupFile}), so a bad file or a full disk is found before anything is
 * replaced. Only with every process stopped: one still running would keep writing to the replaced
 * file through its open handle and its WAL. The replaced database is kept beside it.
 */
public final class SqliteRestore {
    private final Path database;
    private final Clock clock;

    public SqliteRestore(Path database, Clock clock) {
        this.database = database.toAbsolutePath().normalize();
        this.clock = clock;
    }

    /** The processes whose last heartbeat is younger than the silence after which health takes one as gone. */
    public List<Heartbeat> running() {
        if (!Files.isRegularFile(database)) {
            return List.of();
        }
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + database);
        source.setBusyTimeout(Database.BUSY_TIMEOUT_MILLIS);
        try (Connection connection = source.getConnection(); Statement statement = connection.createStatement();
                ResultSet table = statement.executeQuery(
                        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'process_heartbeats'")) {
            if (!table.next()) {
                return List.of();
            }
        } catch (SQLException e) {
            throw new BackupFailure("Cannot read " + database + " to see which processes run: " + e.getMessage(), e);
        }
        Instant silentBefore = clock.instant().minus(Liveness.SILENT_AFTER);
        return new Heartbeats(source, clock).all().stream().filter(beat -> beat.beatAt().isAfter(silentBefore)).toList();
    }

    /** Copies {@code backup} beside the database and checks it; the caller must {@link Staged#close} it. */
    public Staged stage(Path backup) {
        BackupFile source = new BackupFile(backup);
        source.facts();
        Path folder = database.getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new BackupFailure("Cannot create the folder " + folder + ": " + SqliteBackup.reason(e), e);
        }
        Path staged = SqliteBackup.partialFile(database);
        try {
            Files.copy(source.path(), staged, StandardCopyOption.REPLACE_EXISTING);
            BackupFile.Facts facts = new BackupFile(staged).facts();
            SqliteBackup.flush(staged);
            return new Staged(staged, facts);
        } catch (IOException e) {
            SqliteBackup.deleteQuietly(staged);
            throw new BackupFailure("Cannot copy " + source.path() + " beside " + database + ": " + SqliteBackup.reason(e), e);
        } catch (RuntimeException e) {
            SqliteBackup.deleteQuietly(staged);
            throw e;
        }
    }

    /** Where the database now in place goes when a backup replaces it. */
    public Path replacedName() {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(clock.instant());
        return database.resolveSibling(database.getFileName() + ".replaced-" + stamp);
    }

    /**
     * Replaces the database with the staged backup; the replaced one, with its WAL folded in, is kept
     * under {@link #replacedName()} (returned), empty when there was no database.
     */
    public Optional<Path> replace(Staged staged) {
        Optional<Path> kept = Optional.empty();
        try {
            if (Files.exists(database)) {
                foldWal();
                Path aside = replacedName();
                Files.move(database, aside, StandardCopyOption.ATOMIC_MOVE);
                kept = Optional.of(aside);
            }
            // A WAL left beside the new file would be replayed into it: the replaced file's is folded in and empty now.
            Files.deleteIfExists(database.resolveSibling(database.getFileName() + "-wal"));
            Files.deleteIfExists(database.resolveSibling(database.getFileName() + "-shm"));
            Files.move(staged.file(), database, StandardCopyOption.ATOMIC_MOVE);
            SqliteBackup.flushFolder(database.getParent());
            return kept;
        } catch (IOException e) {
            if (kept.isPresent() && !Files.exists(database)) {
                try {
                    Files.move(kept.get(), database, StandardCopyOption.ATOMIC_MOVE);
                    kept = Optional.empty();
                } catch (IOException again) {
                    e.addSuppressed(again);
                }
            }
            throw new BackupFailure("Cannot put the backup in place of " + database + ": " + SqliteBackup.reason(e)
                    + kept.map(aside -> "; the replaced database is " + aside).orElse(""), e);
        }
    }

    /** Moves every committed page from the WAL into the file, so that the file alone is the whole database. */
    private void foldWal() {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = " + Duration.ofSeconds(5).toMillis());
            try (ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                if (result.next() && result.getInt(1) != 0) {
                    throw new BackupFailure("The database " + database + " is in use: stop every Parceler process, then restore again.");
                }
            }
        } catch (SQLException e) {
            throw new BackupFailure("Cannot read " + database + " before replacing it: " + e.getMessage(), e);
        }
    }

    /** A checked backup waiting beside the database; closing it removes it unless it was put in place. */
    public record Staged(Path file, BackupFile.Facts facts) implements AutoCloseable {
        @Override
        public void close() {
            SqliteBackup.deleteQuietly(file);
        }
    }
}
