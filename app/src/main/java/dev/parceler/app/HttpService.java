package dev.parceler.app;

import dev.parceler.Installation;
import dev.parceler.download.DownloadRoute;
import dev.parceler.storage.LocalDisk;
import dev.parceler.storage.S3Disk;
import dev.parceler.maintenance.MaintenanceGate;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import java.util.Map;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of {@code parceler serve}: downloads, the milestone trigger, the health check
 * and the maintenance gate in front of them, with an access log that never holds credentials.
 */
public final class HttpService implements AutoCloseable {
    private static final Logger ACCESS = LoggerFactory.getLogger("parceler.access");
    private static final Logger LOG = LoggerFactory.getLogger(HttpService.class);
    static final java.time.Duration STOP_TIMEOUT = java.time.Duration.ofSeconds(30);
    static final java.time.Duration DRAIN_LINGER = java.time.Duration.ofSeconds(2);

    private final Installation installation;
    /** How often the volumes' free space is looked at, for the log, when {@code /up} is not asked. */
    static final java.time.Duration SPACE_WATCH = java.time.Duration.ofSeconds(5);

    private MaintenanceGate gate;
    private DownloadRoute downloads;
    private DiskSpace space;
    private java.util.concurrent.ScheduledExecutorService spaceWatch;
    private Javalin app;

    public HttpService(Installation installation) {
        this.installation = installation;
    }

    /** Starts listening on {@code HTTP_HOST}:{@code port} (0 for any free port) and returns the port. */
    public int start(int port) {
        gate = new MaintenanceGate(installation.maintenance(), installation.appKey());
        space = new DiskSpace(installation.settings().databaseFile(),
                installation.disk() instanceof LocalDisk local ? java.util.Optional.of(local.root()) : java.util.Optional.empty());
        spaceWatch = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "disk-space");
            thread.setDaemon(true);
            return thread;
        });
        spaceWatch.scheduleWithFixedDelay(space::problems, 0, SPACE_WATCH.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        downloads = installation.disk() instanceof S3Disk s3
                ? DownloadRoute.presigned(installation.repositories(), installation.authorizer(), installation.snapshots(),
                        installation.snapshotChanges(), s3,
                        installation.settings().s3().orElseThrow().presignTtl(), installation.clock())
                : DownloadRoute.local(installation.repositories(), installation.authorizer(), installation.snapshots(),
                        installation.snapshotChanges(), (LocalDisk) installation.disk(), installation.settings().xAccelPrefix(), installation.clock());
        MilestoneRoute milestones = new MilestoneRoute(installation.settings().milestoneToken(), installation.repositories(),
                installation.jobQueue());
        app = Javalin.create(config -> {
            config.jetty.host = installation.settings().httpHost();
            config.jetty.port = port;
            config.startup.showJavalinBanner = false;
            config.jetty.threadPool = requestThreads();
            // Compression with a Content-Length set by hand truncates bodies; packages are compressed already.
            config.http.compressionStrategy = CompressionStrategy.NONE;
            // Encoded dots and slashes must reach the download route, which answers 404 for them, not 400.
            config.jetty.modifyHttpConfiguration(http -> http.setUriCompliance(UriCompliance.UNSAFE));
            config.jetty.modifyServletContextHandler(context -> context.getServletHandler().setDecodeAmbiguousURIs(true));
            // On stop, requests under way (downloads) finish first, for this long at most.
            config.jetty.modifyServer(server -> {
                GracefulHandler graceful = new GracefulHandler();
                graceful.setHandler(server.getHandler());
                server.setHandler(graceful);
                server.setStopTimeout(STOP_TIMEOUT.toMillis());
            });
            config.routes.before(gate);
            config.routes.get("/up", this::health);
            // No named parameters: the router would decode them and fail on a broken escape. The routes
            // read /repository/{realm}/{name}/{path...} and /repository/{name}/milestone from the raw target.
            config.routes.get("/repository/*", downloads);
            config.routes.head("/repository/*", downloads);
            config.routes.post("/repository/*/milestone", milestones);
            config.routes.exception(Exception.class, (exception, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), exception);
                ctx.status(500).result("Internal Server Error");
            });
            config.requestLogger.http(HttpService::log);
        }).start();
        LOG.info("Listening on {}:{}", installation.settings().httpHost(), app.port());
        return app.port();
    }

    /**
     * Javalin's own pool (8 to 250 threads), without reserved threads. A reserved thread spins
     * and parks waiting to take over the selector; on a small machine that is CPU the requests
     * need: without them, bench/download.sh served the 2 KiB file about a quarter faster on two
     * cores, and the 1 MiB file no slower.
     */
    private static QueuedThreadPool requestThreads() {
        QueuedThreadPool threads = new QueuedThreadPool(250, 8, 60_000);
        threads.setReservedThreads(0);
        threads.setName("JettyServerThreadPool");
        return threads;
    }

    /**
     * Stops taking connections, lets running downloads write their last bytes, and gives the
     * kernel a moment to deliver what sits in socket buffers before connections are closed
     * (closing them at once cut downloads short even after their last write).
     */
    private void drain() {
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        try {
            for (var connector : app.jettyServer().server().getConnectors()) {
                if (connector instanceof org.eclipse.jetty.server.AbstractNetworkConnector network) {
                    network.close();
                }
            }
            while (downloads.sending() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            long linger = DRAIN_LINGER.minus(downloads.sinceLastSent()).toMillis();
            if (linger > 0) {
                Thread.sleep(linger);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** 200 while the database answers; a full disk degrades the service without stopping it, and is named. */
    private void health(Context ctx) {
        boolean answers = installation.database().answers();
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("status", answers ? "up" : "database unavailable");
        java.util.List<String> problems = space.problems();
        if (!problems.isEmpty()) {
            body.put("degraded", problems);
        }
        ctx.status(answers ? 200 : 503).json(body);
    }

    private static void log(Context ctx, Float milliseconds) {
        String path = Boolean.TRUE.equals(ctx.attribute(MaintenanceGate.SECRET_PATH)) ? "/<maintenance secret>" : ctx.path();
        String machine = ctx.attribute(DownloadRoute.MACHINE);
        ACCESS.info("{} {} {} {} {}ms {}", ctx.ip(), ctx.method(), path, ctx.statusCode(), Math.round(milliseconds),
                machine == null ? "-" : machine);
    }

    @Override
    public void close() {
        if (app != null) {
            drain();
            app.stop();
        }
        if (gate != null) {
            gate.close();
        }
        if (spaceWatch != null) {
            spaceWatch.shutdownNow();
        }
    }
}
