package dev.parceler;

import dev.parceler.auth.AuthorizationCache;
import dev.parceler.auth.Authorizer;
import dev.parceler.auth.CredentialsFile;
import dev.parceler.auth.OpenAccess;
import dev.parceler.auth.Realm;
import dev.parceler.auth.RealmChecks;
import dev.parceler.auth.SubscriptionCheck;
import dev.parceler.auth.SubscriptionService;
import dev.parceler.config.AuthMode;
import dev.parceler.config.Settings;
import dev.parceler.database.Database;
import dev.parceler.database.MetaValues;
import dev.parceler.health.Heartbeats;
import dev.parceler.health.Liveness;
import dev.parceler.health.ProcessKind;
import dev.parceler.health.Pulse;
import dev.parceler.maintenance.MaintenanceStore;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.snapshot.FeedCheck;
import dev.parceler.snapshot.ServedHistory;
import dev.parceler.snapshot.SnapshotChanges;
import dev.parceler.snapshot.SnapshotCatalog;
import dev.parceler.snapshot.SnapshotCleaner;
import dev.parceler.snapshot.SnapshotDiff;
import dev.parceler.snapshot.SnapshotFreeze;
import dev.parceler.snapshot.SnapshotRollback;
import dev.parceler.snapshot.SnapshotWriter;
import dev.parceler.snapshot.SwitchGrace;
import dev.parceler.snapshot.MachinePins;
import dev.parceler.snapshot.StablePathSelector;
import dev.parceler.storage.Disk;
import dev.parceler.sync.JobQueue;
import dev.parceler.sync.JobStorage;
import dev.parceler.sync.RunHistory;
import dev.parceler.volume.Volume;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
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
    private Volume volume;
    private SnapshotCatalog snapshots;
    private StorageProvider jobStorage;
    private JsonMapper jsonMapper;
    private byte[] appKey;
    private Authorizer authorizer;
    private final dev.parceler.auth.CheckTally checkTally = new dev.parceler.auth.CheckTally();

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
            database = Database.open(settings.database(), "parceler-" + processName, 4);
        }
        return database;
    }

    /** The configured volume, local or s3: everything that differs between the two comes from it. */
    public synchronized Volume volume() {
        if (volume == null) {
            volume = Volume.open(settings);
        }
        return volume;
    }

    public Disk disk() {
        return volume().disk();
    }

    public RepositoryStore repositories() {
        return new RepositoryStore(database().dataSource(), clock);
    }

    public StablePathSelector selector() {
        return new StablePathSelector(clock);
    }

    /** One per process, so that what it logs once per change is logged once in the process. */
    public synchronized SnapshotCatalog snapshots() {
        if (snapshots == null) {
            snapshots = new SnapshotCatalog(disk(), settings.snapshotFolder(), selector(), volume().completion());
        }
        return snapshots;
    }

    public SnapshotFreeze freezes() {
        return new SnapshotFreeze(repositories(), snapshots());
    }

    public SnapshotDiff diffs() {
        return new SnapshotDiff(snapshots(), disk()::read);
    }

    public SnapshotRollback rollbacks() {
        return new SnapshotRollback(repositories(), snapshots(), servedHistory());
    }

    public SnapshotWriter snapshotWriter() {
        return volume().snapshotWriter(snapshots(), clock, snapshotChanges(), new FeedCheck());
    }

    public SnapshotCleaner cleaner() {
        return new SnapshotCleaner(disk(), snapshots(), selector(), snapshotChanges(), volume().settleBeforeDeleting(),
                servedHistory(), settings.keepServed(), switchGrace(), repositories(), rings());
    }

    public dev.parceler.snapshot.MachineSightings sightings() {
        return new dev.parceler.snapshot.MachineSightings(database().dataSource());
    }

    public dev.parceler.repository.RingStore rings() {
        return new dev.parceler.repository.RingStore(database().dataSource());
    }

    public SwitchGrace switchGrace() {
        return new SwitchGrace(settings.switchGrace(), servedHistory(), new MachinePins(database().dataSource()), clock);
    }

    public ServedHistory servedHistory() {
        return new ServedHistory(database().dataSource(), clock);
    }

    public SnapshotChanges snapshotChanges() {
        return new SnapshotChanges(new MetaValues(database().dataSource()));
    }

    public RunHistory runs() {
        return new RunHistory(database().dataSource(), clock);
    }

    public dev.parceler.audit.AuditLog audit() {
        return new dev.parceler.audit.AuditLog(database().dataSource(), clock);
    }

    public Heartbeats heartbeats() {
        return new Heartbeats(database().dataSource(), clock);
    }

    public Liveness liveness() {
        return new Liveness(clock, settings.syncTimeout());
    }

    /** The heartbeat of a process of this installation on this host. */
    public Pulse pulse(ProcessKind kind, java.util.function.Supplier<java.util.Optional<java.time.Instant>> busySince,
            java.util.function.Supplier<java.util.Optional<java.time.Instant>> dueAt) {
        return new Pulse(heartbeats(), kind, Heartbeats.thisHost(), clock, busySince, dueAt);
    }

    public MaintenanceStore maintenance() {
        return new MaintenanceStore(database().dataSource(), clock);
    }

    /**
     * {@code APP_KEY} as bytes ({@code base64:} keys decoded). Without one, a key made once and
     * kept in the database stands in, so that a first start works; a warning says to set one.
     */
    public synchronized byte[] appKey() {
        if (appKey == null) {
            appKey = settings.appKey().map(Installation::keyBytes).orElseGet(this::storedKey);
        }
        return appKey.clone();
    }

    private static byte[] keyBytes(String key) {
        return key.startsWith("base64:") ? Base64.getDecoder().decode(key.substring("base64:".length()))
                : key.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] storedKey() {
        org.slf4j.LoggerFactory.getLogger(Installation.class)
                .warn("APP_KEY is not set: using a key kept in the database. Run 'parceler key:generate' and restart.");
        String candidate = dev.parceler.config.AppKey.generate(new SecureRandom());
        return keyBytes(new MetaValues(database().dataSource()).putIfAbsent("app.key", candidate));
    }

    public AuthorizationCache authorizationCache() {
        return new AuthorizationCache(database().dataSource(), appKey(), clock);
    }

    /**
     * Subscription checks that may wait for the service at once, per app process: a small part of
     * the 250 request threads, so that a slow service never takes the threads cached machines need.
     */
    public static final int WAITING_CHECKS = 32;

    /**
     * Decides downloads (and the netifyd licence routes): each realm's check (as configured) behind
     * the shared cache. One per process, so every route shares its memory and its single flights.
     */
    public synchronized Authorizer authorizer() {
        if (authorizer == null) {
            Map<Realm, SubscriptionCheck> checks = new EnumMap<>(Realm.class);
            checks.put(Realm.COMMUNITY, check(Realm.COMMUNITY, settings.communityAuth()));
            checks.put(Realm.ENTERPRISE, check(Realm.ENTERPRISE, settings.enterpriseAuth()));
            authorizer = new Authorizer(new RealmChecks(checks), authorizationCache(), settings.authRefusalTtl(), WAITING_CHECKS, clock, checkTally);
        }
        return authorizer;
    }

    /** This process's count of authorizations by outcome, for the metrics. */
    public dev.parceler.auth.CheckTally checkTally() {
        return checkTally;
    }

    private SubscriptionCheck check(Realm realm, AuthMode mode) {
        return switch (mode) {
            case SUBSCRIPTION -> new SubscriptionService(
                    HttpClient.newBuilder().connectTimeout(settings.authTimeout()).followRedirects(HttpClient.Redirect.NORMAL).build(),
                    settings.communityEndpoint(), settings.enterpriseEndpoint(), settings.authTimeout(), clock);
            case FILE -> new CredentialsFile(settings.credentialsFile(), clock);
            case OPEN -> {
                org.slf4j.LoggerFactory.getLogger(Installation.class).warn(
                        "{}_AUTH=open: every machine with any credentials may download {} repositories. For trials only.",
                        realm.name(), realm.label());
                yield new OpenAccess(clock);
            }
        };
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
            jobStorage = JobStorage.open(database(), jsonMapper());
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
        if (volume != null) {
            volume.close();
            volume = null;
            // It holds the closed volume's disk.
            snapshots = null;
        }
    }
}
