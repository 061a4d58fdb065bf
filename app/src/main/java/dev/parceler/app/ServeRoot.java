package dev.parceler.app;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.parceler.Installation;
import dev.parceler.auth.ReleaseTokens;
import dev.parceler.config.Settings;
import dev.parceler.download.ClientAddress;
import dev.parceler.download.DownloadRoute;
import dev.parceler.download.ServedSnapshots;
import dev.parceler.health.ProcessKind;
import dev.parceler.metrics.DownloadCounts;
import dev.parceler.metrics.MetricsRoute;
import dev.parceler.metrics.ParcelerMetrics;
import dev.parceler.netifyd.NetifydRoutes;
import dev.parceler.volume.SnapshotComponents;
import dev.parceler.web.ConsoleRoutes;
import dev.parceler.web.HtmlMaintenancePage;
import dev.parceler.web.MaintenanceGate;
import dev.parceler.web.Pages;
import dev.parceler.web.QueuedJobs;
import dev.parceler.web.StatusReport;
import dev.parceler.web.WebConsoleComponents;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Optional;

/**
 * The composition root of {@code parceler serve}'s HTTP service: the maintenance gate, each route
 * on the installation's parts, the free-space watch and the heartbeat, handed to the service.
 * ({@link ServeCommand} adds the worker and the scheduler from their own roots when asked.)
 */
public final class ServeRoot {
    private ServeRoot() {
    }

    public static HttpService http(Installation installation) {
        return http(installation, HttpService.DRAIN_LINGER);
    }

    /** With another drain linger than {@link HttpService#DRAIN_LINGER}: test servers on loopback need far less. */
    public static HttpService http(Installation installation, java.time.Duration drainLinger) {
        Settings settings = installation.settings();
        Pages pages = new Pages(settings.timezone(), installation.clock());
        MaintenanceGate gate = new MaintenanceGate(installation.maintenance(), installation.auth().appKey(),
                new HtmlMaintenancePage(pages, settings.timezone(), installation.clock()),
                "https".equalsIgnoreCase(settings.http().appUrl().getScheme()));
        ClientAddress clients = new ClientAddress(settings.limits().trustedProxies());

        DownloadRoute.StaffAccess staff = new DownloadRoute.StaffAccess(settings.serving().staffMachines(),
                new ReleaseTokens(settings.serving().releaseToken(), settings.serving().milestoneToken()));
        SnapshotComponents snapshot = installation.snapshotComponents();
        ServedSnapshots served = new ServedSnapshots(snapshot.catalog(), snapshot.plan(), installation.volume().disk(), snapshot.changes(),
                installation.clock(), Ticker.systemTicker(), snapshot.switchGrace(), installation.repositoryComponents().rings(),
                snapshot.sightings());
        DownloadRoute downloads = DownloadRoute.on(installation.volume(), installation.repositoryComponents().repositories(),
                installation.auth().authorizer(), served, staff, clients);
        ReleaseRoute releases = new ReleaseRoute(settings.serving().releaseToken(), settings.serving().milestoneToken(),
                installation.repositoryComponents().repositories(), installation.jobs().queue(), ReleaseRoute.RELEASED);
        ReleaseRoute milestones = new ReleaseRoute(settings.serving().releaseToken(), settings.serving().milestoneToken(),
                installation.repositoryComponents().repositories(), installation.jobs().queue(), ReleaseRoute.MILESTONE_RELEASED);
        Optional<NetifydRoutes> netifyd = NetifydRoutes.wire(settings.netifyd(), installation.database().dataSource(),
                installation.auth().authorizer(), clients, installation.clock());

        QueuedJobs queue = new QueuedJobs(installation.jobs().storage());
        WebConsoleComponents webConsole = new WebConsoleComponents(settings, installation.clock(), installation.database(),
                installation.repositoryComponents(), installation.snapshotComponents(), installation.jobs(), installation.health(),
                installation.maintenance(), installation.audit());
        StatusReport status = webConsole.statusReport(queue);
        ConsoleRoutes console = webConsole.routes(pages, status, clients, installation.volume().disk());
        DownloadCounts downloadCounts = new DownloadCounts();
        Optional<MetricsRoute> metrics = settings.console().metricsToken().map(token -> {
            PrometheusRegistry registry = new PrometheusRegistry();
            registry.register(new ParcelerMetrics(installation.repositoryComponents().repositories(), status,
                    installation.jobs().runs(), queue, downloadCounts, installation.auth().tally()));
            return new MetricsRoute(token, registry);
        });

        return new HttpService(settings, gate, clients,
                new HttpService.Routes(downloads, releases, milestones, netifyd, console, metrics),
                new DiskSpace(settings.database().file(), installation.volume().localRoot()),
                downloadCounts,
                installation.database(),
                installation.health().heartbeats(),
                installation.health().liveness(),
                installation.health().newPulse(ProcessKind.SERVE, Optional::empty, Optional::empty),
                drainLinger);
    }
}
