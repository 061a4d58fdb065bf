package dev.parceler;

import dev.parceler.config.DiskKind;
import dev.parceler.config.Settings;
import dev.parceler.database.Database;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.snapshot.SnapshotCatalog;
import dev.parceler.snapshot.SnapshotFreeze;
import dev.parceler.snapshot.StablePathSelector;
import dev.parceler.storage.Disk;
import dev.parceler.storage.LocalDisk;
import java.time.Clock;

/**
 * One configured installation of Parceler as a process sees it: its settings, database, disk and
 * the domain services built on them, wired by hand here and nowhere else. The database is opened
 * (and migrated) on first use, so {@code --help} or {@code key:generate} never touch it.
 */
public final class Installation implements AutoCloseable {
    private final Settings settings;
    private final Clock clock;
    private final String processName;
    private Database database;
    private Disk disk;

    public Installation(Settings settings, Clock clock, String processName) {
        this.settings = settings;
        this.clock = clock;
        this.processName = processName;
    }

    public Settings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    public synchronized Database database() {
        if (database == null) {
            database = Database.open(settings.databaseFile(), "parceler-" + processName, 4);
        }
        return database;
    }

    public synchronized Disk disk() {
        if (disk == null) {
            if (settings.disk() != DiskKind.LOCAL) {
                throw new IllegalStateException("FILESYSTEM_DISK=" + settings.disk().name().toLowerCase()
                        + " is not available in this version; use local.");
            }
            disk = new LocalDisk(settings.storageRoot());
        }
        return disk;
    }

    public RepositoryStore repositories() {
        return new RepositoryStore(database().dataSource(), clock);
    }

    public StablePathSelector selector() {
        return new StablePathSelector(clock);
    }

    public SnapshotCatalog snapshots() {
        return new SnapshotCatalog(disk(), settings.snapshotFolder(), selector());
    }

    public SnapshotFreeze freezes() {
        return new SnapshotFreeze(repositories(), snapshots());
    }

    @Override
    public synchronized void close() {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
