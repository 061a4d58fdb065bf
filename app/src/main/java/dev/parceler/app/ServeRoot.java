package dev.parceler.app;

import dev.parceler.Installation;
import dev.parceler.auth.ReleaseTokens;
import dev.parceler.config.Settings;
import dev.parceler.download.ClientAddress;
import dev.parceler.download.DownloadRoute;
import dev.parceler.health.ProcessKind;
import dev.parceler.metrics.DownloadCounts;
import dev.parceler.metrics.MetricsRoute;
import dev.parceler.metrics.ParcelerMetrics;
import dev.parceler.netifyd.NetifydRoutes;
import dev.parceler.web.ConsoleRoutes;
import dev.parceler.web.HtmlMaintenancePage;
import dev.parceler.web.MaintenanceGate;
import dev.parceler.web.Pages;
import dev.parceler.web.QueuedJobs;
import dev.parceler.web.WebConsole;
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
        MaintenanceGate gate = new MaintenanceGate(installation.maintenance(), installation.appKey(),
                new HtmlMaintenancePage(pages, settings.timezone(), installation.clock()),
                "https".equalsIgnoreCase(settings.appUrl().getScheme()));
        ClientAddress clients = new ClientAddress(settings.limits().trustedProxies());

        DownloadRoute.StaffAccess staff = new DownloadRoute.StaffAccess(settings.staffMachines(),
                new ReleaseTokens(settings.releaseToken(), settings.milestoneToken()));
        DownloadRoute downloads = DownloadRoute.on(installation.volume(), installation.repositories(), installation.authorizer(),
                installation.snapshots(), installation.snapshotChanges(), installation.switchGrace(), installation.rings(),
                installation.sightings(), staff, clients, installation.clock());
        ReleaseRoute releases = new ReleaseRoute(settings.releaseToken(), settings.milestoneToken(),
                installation.repositories(), installation.jobQueue(), ReleaseRoute.RELEASED);
        ReleaseRoute milestones = new ReleaseRoute(settings.releaseToken(), settings.milestoneToken(),
                installation.repositories(), installation.jobQueue(), ReleaseRoute.MILESTONE_RELEASED);
        Optional<NetifydRoutes> netifyd = NetifydRoutes.wire(settings.netifyd(), installation.database().dataSource(),
                installation.authorizer(), clients, installation.clock());

        QueuedJobs queue = new QueuedJobs(installation.jobStorage());
        ConsoleRoutes console = WebConsole.routes(installation, pages, queue, clients);
        DownloadCounts downloadCounts = new DownloadCounts();
        Optional<MetricsRoute> metrics = settings.console().metricsToken().map(token -> {
            PrometheusRegistry registry = new PrometheusRegistry();
            registry.register(new ParcelerMetrics(installation.repositories(), WebConsole.statusReport(installation, queue),
                    installation.runs(), queue, downloadCounts, installation.checkTally()));
            return new MetricsRoute(token, registry);
        });

        return new HttpService(settings, gate, clients,
                new HttpService.Routes(downloads, releases, milestones, netifyd, console, metrics),
                new DiskSpace(settings.database().file(), installation.volume().localRoot()),
                downloadCounts,
                installation.database(),
                installation.heartbeats(),
                installation.liveness(),
                installation.newPulse(ProcessKind.SERVE, Optional::empty, Optional::empty),
                drainLinger);
    }
}
