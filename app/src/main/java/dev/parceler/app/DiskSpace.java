package dev.parceler.app;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the volumes of the database and of the local disk have room left. When one is full the
 * service still serves the snapshots it has, but new subscription answers cannot be cached,
 * snapshots fail and console commands cannot write: {@code /up} says so, and the log says so once
 * when it happens and once when it is over.
 */
final class DiskSpace {
    private static final Logger LOG = LoggerFactory.getLogger(DiskSpace.class);
    /** Below this much room a volume counts as full: SQLite and a snapshot need some to work at all. */
    static final long FULL_BELOW = 8L * 1024 * 1024;

    private final Optional<Path> database;
    private final Optional<Path> storage;
    private List<String> reported = List.of();

    /**
     * @param database the SQLite file; empty for a PostgreSQL server, whose disk is its own to watch
     * @param storage the local disk's root; empty for the s3 disk
     */
    DiskSpace(Optional<Path> database, Optional<Path> storage) {
        this.database = database;
        this.storage = storage;
    }

    /** Why the service is degraded now (empty: it is not), logged when that changes. */
    synchronized List<String> problems() {
        List<String> problems = new ArrayList<>();
        Optional<FileStore> databaseVolume = database.flatMap(DiskSpace::volume);
        Optional<FileStore> storageVolume = storage.flatMap(DiskSpace::volume);
        boolean shared = databaseVolume.isPresent() && storageVolume.isPresent()
                && Objects.equals(key(databaseVolume.get()), key(storageVolume.get()));
        database.flatMap(file -> full(databaseVolume, file)).ifPresent(free -> problems.add((shared
                ? "disk full (database and storage): " : "database disk full: ") + free + " bytes free for " + database.get()));
        if (!shared && storage.isPresent()) {
            full(storageVolume, storage.get()).ifPresent(free -> problems.add("storage disk full: " + free + " bytes free for " + storage.get()));
        }
        if (!problems.equals(reported)) {
            if (problems.isEmpty()) {
                LOG.info("Disk space is back: no longer degraded");
            } else {
                LOG.warn("Degraded: {}; downloads of the served snapshots go on, snapshots and new subscription answers cannot be stored",
                        String.join("; ", problems));
            }
            reported = List.copyOf(problems);
        }
        return problems;
    }

    private static Optional<Long> full(Optional<FileStore> volume, Path path) {
        try {
            if (volume.isEmpty()) {
                return Optional.empty();
            }
            long free = volume.get().getUsableSpace();
            return free < FULL_BELOW ? Optional.of(free) : Optional.empty();
        } catch (IOException e) {
            LOG.debug("cannot read the free space of {}: {}", path, e.getMessage());
            return Optional.empty();
        }
    }

    private static Object key(FileStore store) {
        return store.name() + "\n" + store.toString();
    }

    /** The volume a path is on, looking at its nearest existing parent. */
    private static Optional<FileStore> volume(Path path) {
        Path existing = path.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing == null ? Optional.empty() : Optional.of(Files.getFileStore(existing));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
