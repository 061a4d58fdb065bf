package dev.parceler;

import dev.parceler.audit.AuditLog;
import dev.parceler.auth.AuthComponents;
import dev.parceler.config.Settings;
import dev.parceler.database.Database;
import dev.parceler.health.HealthComponents;
import dev.parceler.maintenance.MaintenanceStore;
import dev.parceler.repository.RepositoryComponents;
import dev.parceler.sync.JobComponents;
import dev.parceler.volume.SnapshotComponents;
import dev.parceler.volume.Volume;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * One configured installation of Parceler as a process sees it: its settings, database and volume,
 * and each domain's wiring on them ({@link RepositoryComponents}, {@link SnapshotComponents},
 * {@link JobComponents}, {@link AuthComponents}, {@link HealthComponents}, and the two stores that
 * are a domain each, maintenance and the audit). Only the process roots read it; each gives a class
 * the parts it uses, through its constructor. Every part is built once per process, at its first
 * use, so {@code --help} or {@code key:generate} never open the database, and a console command
 * that reads the database does not open the volume. Every getter answers the same object each time.
 */
public final class Installation implements AutoCloseable {
    private final Settings settings;
    private final Clock clock;
    private final String processName;
    private final Part<Database> database = new Part<>(() -> Database.open(settings().database(), "parceler-" + processName(), 4));
    private final Part<Volume> volume = new Part<>(() -> Volume.open(settings()));
    private final Part<RepositoryComponents> repository = new Part<>(() -> new RepositoryComponents(dataSource(), clock()));
    private final Part<SnapshotComponents> snapshot = new Part<>(() ->
            new SnapshotComponents(settings(), clock(), volume(), dataSource(), repository.get()));
    private final Part<JobComponents> jobs = new Part<>(() -> new JobComponents(database(), clock()));
    private final Part<AuthComponents> auth = new Part<>(() -> new AuthComponents(settings(), clock(), dataSource()));
    private final Part<HealthComponents> health = new Part<>(() -> new HealthComponents(dataSource(), clock(), settings().sync().timeout()));
    private final Part<MaintenanceStore> maintenance = new Part<>(() -> new MaintenanceStore(dataSource(), clock()));
    private final Part<AuditLog> audit = new Part<>(() -> new AuditLog(dataSource(), clock()));

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

    /** The process this installation is wired for ({@code serve}, {@code worker}, {@code scheduler}, {@code console}…). */
    public String processName() {
        return processName;
    }

    public Database database() {
        return database.get();
    }

    private javax.sql.DataSource dataSource() {
        return database().dataSource();
    }

    /** The configured volume, local or s3: everything that differs between the two comes from it. */
    public Volume volume() {
        return volume.get();
    }

    public RepositoryComponents repositoryComponents() {
        return repository.get();
    }

    public SnapshotComponents snapshotComponents() {
        return snapshot.get();
    }

    public JobComponents jobs() {
        return jobs.get();
    }

    public AuthComponents auth() {
        return auth.get();
    }

    public HealthComponents health() {
        return health.get();
    }

    public MaintenanceStore maintenance() {
        return maintenance.get();
    }

    public AuditLog audit() {
        return audit.get();
    }

    @Override
    public void close() {
        jobs.clear(JobComponents::close);
        // What was built on the database and the volume goes with them; a later use builds it again.
        repository.clear(part -> { });
        auth.clear(part -> { });
        health.clear(part -> { });
        maintenance.clear(part -> { });
        audit.clear(part -> { });
        database.clear(Database::close);
        // The catalogue holds the closed volume's disk.
        snapshot.clear(part -> { });
        volume.clear(Volume::close);
    }

    /** A part of the wiring, built at its first use and then the same object until the installation closes. */
    private static final class Part<T> {
        private final Supplier<T> build;
        private T built;

        Part(Supplier<T> build) {
            this.build = build;
        }

        synchronized T get() {
            if (built == null) {
                built = build.get();
            }
            return built;
        }

        synchronized void clear(java.util.function.Consumer<T> closing) {
            if (built != null) {
                T closed = built;
                built = null;
                closing.accept(closed);
            }
        }
    }
}
