package dev.parceler.web;

import dev.parceler.admin.AdminSessions;
import dev.parceler.admin.AdminStore;
import dev.parceler.admin.LoginThrottle;
import dev.parceler.admin.PasswordHash;
import dev.parceler.audit.AuditLog;
import dev.parceler.config.ConsoleSettings;
import dev.parceler.config.Settings;
import dev.parceler.database.BackupRecord;
import dev.parceler.database.Database;
import dev.parceler.database.MetaValues;
import dev.parceler.download.ClientAddress;
import dev.parceler.health.HealthComponents;
import dev.parceler.maintenance.MaintenanceStore;
import dev.parceler.repository.RepositoryComponents;
import dev.parceler.storage.Disk;
import dev.parceler.sync.JobComponents;
import dev.parceler.volume.SnapshotComponents;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * The operator console's wiring, built once by the HTTP service's root: its status report (the page,
 * {@code /api/status} and the metrics read it) and its routes (sign-in, the repository page and its
 * actions).
 */
public final class WebConsoleComponents {
    private final Settings settings;
    private final Clock clock;
    private final Database database;
    private final RepositoryComponents repository;
    private final SnapshotComponents snapshot;
    private final JobComponents jobs;
    private final HealthComponents health;
    private final MaintenanceStore maintenance;
    private final AuditLog audit;

    public WebConsoleComponents(Settings settings, Clock clock, Database database, RepositoryComponents repository,
            SnapshotComponents snapshot, JobComponents jobs, HealthComponents health, MaintenanceStore maintenance, AuditLog audit) {
        this.settings = settings;
        this.clock = clock;
        this.database = database;
        this.repository = repository;
        this.snapshot = snapshot;
        this.jobs = jobs;
        this.health = health;
        this.maintenance = maintenance;
        this.audit = audit;
    }

    public StatusReport statusReport(QueuedJobs queue) {
        return new StatusReport(repository.repositories(), snapshot.catalog(), jobs.runs(), maintenance, queue,
                new HeartbeatSightings(health.heartbeats()), clock, settings.limits().statusEvery(),
                settings.backups().on() ? Optional.of(new BackupRecord(new MetaValues(database.dataSource()))) : Optional.empty());
    }

    /**
     * @param status the report the pages and the status API read (the metrics read the same one)
     * @param disk where the repository page reads a snapshot's manifest
     */
    public ConsoleRoutes routes(Pages pages, StatusReport status, ClientAddress clients, Disk disk) {
        ConsoleSettings console = settings.console();
        SecureRandom random = new SecureRandom();
        RepositoryPage repositoryPage = new RepositoryPage(snapshot.catalog(), new SnapshotManifests(disk), jobs.runs(), audit,
                repository.rings(), snapshot.trustedKeys());
        AdminSessions sessions = new AdminSessions(database.dataSource(), random, console.sessionLifetime(), clock);
        ConsoleView view = new ConsoleView(pages, sessions, clients, "https".equalsIgnoreCase(settings.http().appUrl().getScheme()));
        return new ConsoleRoutes(
                new StatusRoutes(view, status, console.statusPage(), settings.serving().releaseToken().or(settings.serving()::milestoneToken)),
                new SignInRoutes(view, new AdminStore(database.dataSource(), new PasswordHash(random), clock), sessions,
                        new LoginThrottle(database.dataSource(), LoginThrottle.PER_ACCOUNT, LoginThrottle.PER_ADDRESS,
                                LoginThrottle.WINDOW, clock, random),
                        settings.limits().signInChecks(), random),
                new RepositoryActionRoutes(view, status, repositoryPage, repository.repositories(), snapshot.freezes(),
                        snapshot.rollbacks(), jobs.queue(), audit));
    }
}
