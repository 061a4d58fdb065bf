package dev.parceler;

import dev.parceler.config.DiskKind;
import dev.parceler.config.Settings;
import dev.parceler.database.Database;
import dev.parceler.maintenance.MaintenanceStore;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.snapshot.LocalSnapshotWriter;
import dev.parceler.snapshot.SnapshotCatalog;
import dev.parceler.snapshot.SnapshotCleaner;
import dev.parceler.snapshot.SnapshotFreeze;
import dev.parceler.snapshot.SnapshotWriter;
import dev.parceler.snapshot.StablePathSelector;
import dev.parceler.storage.Disk;
import dev.parceler.storage.LocalDisk;
import dev.parceler.sync.JobQueue;
import dev.parceler.sync.JobStorage;
import dev.parceler.sync.RunHistory;
import java.time.Clock;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;

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
    private LocalDisk disk;
    private StorageProvider jobStorage;
    private JsonMapper jsonMapper;

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

    public Disk disk() {
        return localDisk();
    }

    public synchronized LocalDisk localDisk() {
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

    public SnapshotWriter snapshotWriter() {
        return new LocalSnapshotWriter(localDisk(), settings.sourceFolder(), snapshots(), clock);
    }

    public SnapshotCleaner cleaner() {
        return new SnapshotCleaner(disk(), snapshots(), selector());
    }

    public RunHistory runs() {
        return new RunHistory(database().dataSource(), clock);
    }

    public MaintenanceStore maintenance() {
        return new MaintenanceStore(database().dataSource(), clock);
    }

    public synchronized JsonMapper jsonMapper() {
        if (jsonMapper == null) {
            jsonMapper = JobStorage.jsonMapper();
        }
        return jsonMapper;
    }

    /** The job library's store, on the same database. */
    public synchronized StorageProvider jobStorage() {
        if (jobStorage == null) {
            jobStorage = JobStorage.open(database().dataSource(), jsonMapper());
        }
        return jobStorage;
    }

    public JobQueue jobQueue() {
        return new JobQueue(new JobRequestScheduler(jobStorage()));
    }

    @Override
    public synchronized void close() {
        if (jobStorage != null) {
            jobStorage.close();
            jobStorage = null;
        }
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
