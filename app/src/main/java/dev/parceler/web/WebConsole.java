package dev.parceler.web;

import java.util.Optional;
import dev.parceler.database.BackupRecord;
import dev.parceler.database.MetaValues;

import dev.parceler.Installation;
import dev.parceler.admin.AdminSessions;
import dev.parceler.admin.AdminStore;
import dev.parceler.admin.LoginThrottle;
import dev.parceler.admin.PasswordHash;
import dev.parceler.config.ConsoleSettings;
import dev.parceler.download.ClientAddress;
import java.security.SecureRandom;

/** Builds the operator console's routes from an installation. */
public final class WebConsole {
    private WebConsole() {
    }

    public static StatusReport statusReport(Installation installation, QueuedJobs queue) {
        return new StatusReport(installation.repositories(), installation.snapshots(), installation.runs(),
                installation.maintenance(), queue, new HeartbeatSightings(installation.heartbeats()), installation.clock(),
                installation.settings().limits().statusEvery(),
                installation.settings().backups().on()
                        ? Optional.of(new BackupRecord(new MetaValues(installation.database().dataSource()))) : Optional.empty());
    }

    public static ConsoleRoutes routes(Installation installation, Pages pages, QueuedJobs queue, ClientAddress clients) {
        ConsoleSettings settings = installation.settings().console();
        SecureRandom random = new SecureRandom();
        StatusReport status = statusReport(installation, queue);
        RepositoryPage repositoryPage = new RepositoryPage(installation.snapshots(), new SnapshotManifests(installation.disk()),
                installation.runs(), installation.audit(), installation.rings(), installation.trustedKeys());
        AdminSessions sessions = new AdminSessions(installation.database().dataSource(), random, settings.sessionLifetime(),
                installation.clock());
        ConsoleView view = new ConsoleView(pages, sessions, clients, "https".equalsIgnoreCase(installation.settings().appUrl().getScheme()));
        return new ConsoleRoutes(
                new StatusRoutes(view, status, settings.statusPage(),
                        installation.settings().releaseToken().or(() -> installation.settings().milestoneToken())),
                new SignInRoutes(view, new AdminStore(installation.database().dataSource(), new PasswordHash(random), installation.clock()),
                        sessions,
                        new LoginThrottle(installation.database().dataSource(), LoginThrottle.PER_ACCOUNT, LoginThrottle.PER_ADDRESS,
                                LoginThrottle.WINDOW, installation.clock(), random),
                        installation.settings().limits().signInChecks(), random),
                new RepositoryActionRoutes(view, status, repositoryPage, installation.repositories(), installation.freezes(),
                        installation.rollbacks(), installation.jobQueue(), installation.audit()));
    }

}
