package dev.parceler.app;

import dev.parceler.config.LogText;
import dev.parceler.config.Settings;
import dev.parceler.database.Database;
import dev.parceler.download.ClientAddress;
import dev.parceler.download.DownloadRoute;
import dev.parceler.download.RequestPath;
import dev.parceler.health.Heartbeat;
import dev.parceler.health.Heartbeats;
import dev.parceler.health.Liveness;
import dev.parceler.health.ProcessKind;
import dev.parceler.health.Pulse;
import dev.parceler.metrics.DownloadCounts;
import dev.parceler.metrics.MetricsRoute;
import dev.parceler.netifyd.NetifydRoutes;
import dev.parceler.web.ConsoleRoutes;
import dev.parceler.web.MaintenanceGate;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of {@code parceler serve}: downloads, the release trigger, the netifyd API, the
 * operator console, the metrics, the health check and the maintenance gate in front of them, with an access log that never holds credentials.
 */
public final class HttpService implements AutoCloseable {
    private static final Logger ACCESS = LoggerFactory.getLogger("parceler.access");
    private static final Logger LOG = LoggerFactory.getLogger(HttpService.class);
    /**
     * How long after the last download's end a stop leaves connections open, for the kernel to
     * deliver what sits in socket buffers; see {@link #drain}.
     */
    static final java.time.Duration DRAIN_LINGER = java.time.Duration.ofSeconds(2);
    /**
     * What a stop may take beyond {@code SERVE_STOP_TIMEOUT}: Jetty closing the connections cut at
     * the deadline and its threads, and the rest of this service; docs/operations.md promises it.
     */
    static final java.time.Duration STOP_MARGIN = java.time.Duration.ofSeconds(2);

    /** How often the volumes' free space is looked at, for the log, when {@code /up} is not asked. */
    static final java.time.Duration SPACE_WATCH = java.time.Duration.ofSeconds(5);

    /** The routes behind the maintenance gate, as the serve root wires them. */
    record Routes(DownloadRoute downloads, ReleaseRoute releases, ReleaseRoute milestones, Optional<NetifydRoutes> netifyd,
            ConsoleRoutes console, Optional<MetricsRoute> metrics) {
    }

    private final Settings settings;
    private final MaintenanceGate gate;
    private final Routes routes;
    private final ClientAddress clients;
    private final DownloadRoute downloads;
    private final DiskSpace space;
    private final DownloadCounts downloadCounts;
    private final Database database;
    private final Heartbeats heartbeats;
    private final Liveness liveness;
    private final Pulse pulse;
    private final java.time.Duration drainLinger;
    private java.util.concurrent.ScheduledExecutorService spaceWatch;
    private Javalin app;
    private java.util.concurrent.ScheduledExecutorService beats;

    /**
     * @param downloadCounts what the access log counts, for the metrics
     * @param database whose answer is {@code /up}'s
     * @param heartbeats the heartbeats of the other processes, which {@code /up} reports as {@code liveness} judges them
     * @param drainLinger how long a stop waits for the last downloads' connections ({@link #DRAIN_LINGER} in production;
     *        servers on loopback with nothing in flight need far less)
     */
    HttpService(Settings settings, MaintenanceGate gate, ClientAddress clients, Routes routes, DiskSpace space, DownloadCounts downloadCounts,
            Database database, Heartbeats heartbeats, Liveness liveness, Pulse pulse, java.time.Duration drainLinger) {
        this.settings = settings;
        this.gate = gate;
        this.clients = clients;
        this.routes = routes;
        this.downloads = routes.downloads();
        this.space = space;
        this.downloadCounts = downloadCounts;
        this.database = database;
        this.heartbeats = heartbeats;
        this.liveness = liveness;
        this.pulse = pulse;
        this.drainLinger = drainLinger;
    }

    /** Starts listening on {@code HTTP_HOST}:{@code port} (0 for any free port) and returns the port. */
    public int start(int port) {
        spaceWatch = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "disk-space");
            thread.setDaemon(true);
            return thread;
        });
        spaceWatch.scheduleWithFixedDelay(space::problems, 0, SPACE_WATCH.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        app = Javalin.create(config -> {
            config.jetty.host = settings.http().host();
            config.jetty.port = port;
            config.startup.showJavalinBanner = false;
            config.jetty.threadPool = requestThreads();
            // Compression with a Content-Length set by hand truncates bodies; packages are compressed already.
            config.http.compressionStrategy = CompressionStrategy.NONE;
            // Encoded dots and slashes must reach the download route, which answers 404 for them, not 400.
            config.jetty.modifyHttpConfiguration(http -> http.setUriCompliance(UriCompliance.UNSAFE));
            config.jetty.modifyServletContextHandler(context -> context.getServletHandler().setDecodeAmbiguousURIs(true));
            // On stop, requests under way (downloads) finish first, until the stop's deadline (see close()).
            config.jetty.modifyServer(server -> {
                GracefulHandler graceful = new GracefulHandler();
                graceful.setHandler(server.getHandler());
                server.setHandler(new Stopping(graceful));
            });
            config.routes.before(gate);
            config.routes.get("/up", this::health);
            // No named parameters: the router would decode them and fail on a broken escape. The routes
            // read /repository/{realm}/{name}/{path...} and /repository/{name}/release from the raw target.
            config.routes.get("/repository/*", downloads);
            config.routes.head("/repository/*", downloads);
            config.routes.post("/repository/*/release", routes.releases());
            config.routes.post("/repository/*/milestone", routes.milestones());
            routes.netifyd().ifPresent(netifyd -> netifyd.addTo(config.routes));
            routes.console().addTo(config.routes);
            routes.metrics().ifPresent(route -> config.routes.get("/metrics", route));
            config.routes.exception(Exception.class, (exception, ctx) -> {
                if (!RequestPath.decodes(ctx.req().getRequestURI(), ctx.req().getQueryString())) {
                    // A path or query that does not decode is the client's mistake, not the service's fault.
                    ctx.status(HttpStatus.BAD_REQUEST).result("Bad Request: the address does not decode (a broken %-escape"
                            + " or bytes that are not UTF-8)");
                    return;
                }
                LOG.error("{} {} failed", ctx.method(), LogText.escape(gate.loggable(ctx.path())), exception);
                ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).result("Internal Server Error");
            });
            config.requestLogger.http(this::log);
        }).start();
        LOG.info("Listening on {}:{}", settings.http().host(), app.port());
        beats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "serve-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        beats.scheduleWithFixedDelay(pulse::beat, 0, Liveness.BEAT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
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
     * Stops taking connections, lets running downloads write their last bytes until
     * {@code deadline}, and gives the kernel a moment to deliver what sits in socket buffers before
     * connections are closed (closing them at once cut downloads short even after their last
     * write). The moment is counted from the last download's end, and ends early once no
     * connection is open: a connection already closed has nothing left for the stop to cut.
     */
    private void drain(long deadline) {
        try {
            for (var connector : app.jettyServer().server().getConnectors()) {
                if (connector instanceof org.eclipse.jetty.server.AbstractNetworkConnector network) {
                    network.close();
                }
            }
            while (downloads.sending() > 0 && System.nanoTime() - deadline < 0) {
                Thread.sleep(50);
            }
            long lingerEnd = System.nanoTime() + Math.max(0, drainLinger.minus(downloads.sinceLastSent()).toNanos());
            while (System.nanoTime() - lingerEnd < 0 && System.nanoTime() - deadline < 0 && connectionsOpen()) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean connectionsOpen() {
        for (var connector : app.jettyServer().server().getConnectors()) {
            if (!connector.getConnectedEndPoints().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * 200 when the database answers, else 503: that rule alone, so that a load balancer keeps the
     * app while a worker restarts. The body also says whether a worker and a scheduler beat within
     * {@link Liveness#SILENT_AFTER}, on any host.
     */
    private void health(Context ctx) {
        if (!database.answers()) {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("status", "database unavailable"));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "up");
        // A full disk degrades the service without stopping it: named here, and in the log once.
        List<String> problems = space.problems();
        if (!problems.isEmpty()) {
            body.put("degraded", problems);
        }
        try {
            for (ProcessKind kind : List.of(ProcessKind.WORKER, ProcessKind.SCHEDULER)) {
                Optional<Heartbeat> latest = heartbeats.latest(kind);
                Map<String, Object> process = new LinkedHashMap<>();
                process.put("seen", latest.map(liveness::seen).orElse(false));
                process.put("last_seen", latest.map(beat -> beat.beatAt().toString()).orElse(null));
                body.put(kind.label(), process);
            }
        } catch (RuntimeException e) {
            LOG.warn("/up cannot read the heartbeats: {}", e.getMessage());
        }
        ctx.status(HttpStatus.OK).json(body);
    }

    /**
     * While the server stops, a request that arrives on a connection still open (nginx keeps
     * some) is answered 503 with Retry-After, as nginx answers while the app is away, and the
     * connection is closed; Jetty's own answer would be a bare 503, which clients cannot tell
     * from a fault.
     */
    private static final class Stopping extends org.eclipse.jetty.server.Handler.Wrapper {
        private static final byte[] BODY = "Service Unavailable: Parceler is restarting, try again shortly.\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        private final GracefulHandler graceful;

        Stopping(GracefulHandler graceful) {
            super(graceful);
            this.graceful = graceful;
        }

        @Override
        public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                org.eclipse.jetty.util.Callback callback) throws Exception {
            if (!graceful.isShutdown()) {
                return super.handle(request, response, callback);
            }
            response.setStatus(org.eclipse.jetty.http.HttpStatus.SERVICE_UNAVAILABLE_503);
            response.getHeaders().put(org.eclipse.jetty.http.HttpHeader.RETRY_AFTER, "10");
            response.getHeaders().put(org.eclipse.jetty.http.HttpHeader.CONNECTION, "close");
            response.getHeaders().put(org.eclipse.jetty.http.HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.write(true, java.nio.ByteBuffer.wrap(BODY), callback);
            return true;
        }
    }

    private void log(Context ctx, Float milliseconds) {
        downloadCounts.answered(ctx.method().name(), ctx.path(), ctx.statusCode());
        String path = gate.loggable(ctx.path());
        String machine = ctx.attribute(DownloadRoute.MACHINE);
        // Each field escaped (and the path and id cut) on its own: none can end early or start a line.
        ACCESS.info("{} {} {} {} {}ms {}", LogText.escape(clients.of(ctx)), ctx.method(), LogText.escape(path), ctx.statusCode(),
                Math.round(milliseconds), machine == null ? "-" : LogText.escape(machine, 255));
    }

    @Override
    public void close() {
        if (app != null) {
            // One deadline for the whole stop: Jetty waits only for what is left of it, then cuts
            // the requests still running, so serve exits within SERVE_STOP_TIMEOUT plus STOP_MARGIN.
            long deadline = System.nanoTime() + settings.http().stopTimeout().toNanos();
            drain(deadline);
            // At least 1 ms: 0 skips Jetty's graceful step, and with it the bound (1 s) it puts on
            // the wait for request threads.
            app.jettyServer().server().setStopTimeout(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            app.stop();
        }
        gate.close();
        if (beats != null) {
            beats.shutdownNow();
        }
        if (spaceWatch != null) {
            spaceWatch.shutdownNow();
        }
    }
}
