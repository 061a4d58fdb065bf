package dev.parceler.web;

import dev.parceler.maintenance.MaintenanceState;
import dev.parceler.maintenance.MaintenanceStore;
import dev.parceler.digest.Sha256;
import dev.parceler.database.SharedState;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.Cookie;
import io.javalin.http.Handler;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers 503 to every request but {@code /up} while the service is down, with
 * {@code Retry-After} when {@code down --retry} gave one. A visit to {@code /<secret>} of
 * {@code down --secret} sets a cookie that lets its holder through. The state is read from the
 * database every {@link SharedState#REREAD}, so every server sees {@code down} and {@code up}
 * within {@link SharedState#NOTICED_WITHIN}, as every other change.
 */
public final class MaintenanceGate implements Handler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceGate.class);
    public static final String COOKIE = "parceler_maintenance";
    /** Request attribute set on the bypass visit: its path is a secret and is not logged. */
    public static final String SECRET_PATH = "parceler.secret-path";
    static final Duration REFRESH = SharedState.REREAD;
    static final int COOKIE_SECONDS = 12 * 60 * 60;
    /** Where the bypass visit lands once its cookie is set: the health check, which answers 200. */
    static final String LANDING = "/up";

    private final MaintenanceStore store;
    private final byte[] key;
    private final MaintenancePage page;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "maintenance-watch");
        thread.setDaemon(true);
        return thread;
    });
    private final boolean secureCookie;
    private volatile Optional<MaintenanceState> state;
    /** The hash of the last bypass secret seen, kept after {@code up}: its address is still never logged. */
    private volatile Optional<String> lastSecretHash = Optional.empty();

    /** @param secureCookie whether the bypass cookie is {@code Secure}: {@code APP_URL} is https */
    public MaintenanceGate(MaintenanceStore store, byte[] key, MaintenancePage page, boolean secureCookie) {
        this.store = store;
        this.key = key.clone();
        this.page = page;
        this.secureCookie = secureCookie;
        this.state = store.current();
        this.state.flatMap(MaintenanceState::secretHash).ifPresent(hash -> lastSecretHash = Optional.of(hash));
        refresher.scheduleWithFixedDelay(this::refresh, REFRESH.toMillis(), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        try {
            Optional<MaintenanceState> current = store.current();
            if (current.isPresent() != state.isPresent()) {
                LOG.info(current.isPresent() ? "Maintenance mode: answering 503" : "Maintenance over: serving again");
            }
            state = current;
            current.flatMap(MaintenanceState::secretHash).ifPresent(hash -> lastSecretHash = Optional.of(hash));
        } catch (RuntimeException e) {
            LOG.warn("Cannot read the maintenance state: {}", e.getMessage());
        }
    }

    @Override
    public void handle(Context ctx) {
        Optional<MaintenanceState> down = state;
        if (down.isEmpty() || ctx.path().equals("/up")) {
            return;
        }
        Optional<String> secretHash = down.get().secretHash();
        if (secretHash.isPresent()) {
            String expected = cookieValue(secretHash.get());
            String cookie = ctx.cookie(COOKIE);
            if (cookie != null && MessageDigest.isEqual(cookie.getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII))) {
                return;
            }
            if (namesSecret(ctx.path(), secretHash.get())) {
                ctx.attribute(SECRET_PATH, true);
                Cookie bypass = new Cookie(COOKIE, expected);
                bypass.setPath("/");
                bypass.setMaxAge(COOKIE_SECONDS);
                bypass.setHttpOnly(true);
                bypass.setSecure(secureCookie);
                bypass.setSameSite(SameSite.LAX);
                ctx.cookie(bypass);
                // Away from the secret's address, to a page that answers (the service has no page at "/").
                ctx.redirect(LANDING);
                ctx.skipRemainingHandlers();
                return;
            }
        }
        down.get().retryAfter().ifPresent(seconds -> ctx.header("Retry-After", Integer.toString(seconds)));
        String accept = ctx.header("Accept");
        if (accept != null && accept.contains("text/html")) {
            // Browsers ask for HTML; package clients (opkg, apk, apt, wget) do not and keep the plain answer.
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).html(page.html(down.get().retryAfter()));
        } else {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).result("Service Unavailable: maintenance");
        }
        ctx.skipRemainingHandlers();
    }

    /**
     * The path as the access log may show it: {@code /<maintenance secret>} for the secret's
     * address in any form (a trailing slash, %-escapes, a query), whether or not the visit had the
     * cookie already, during maintenance and after.
     */
    public String loggable(String path) {
        Optional<String> hash = state.flatMap(MaintenanceState::secretHash).or(() -> lastSecretHash);
        return hash.isPresent() && namesSecret(path, hash.get()) ? "/<maintenance secret>" : path;
    }

    /** Whether the first segment of {@code path} (decoded, with at most a trailing slash after it) is the secret. */
    private static boolean namesSecret(String path, String secretHash) {
        if (path == null || path.length() < 2) {
            return false;
        }
        String first = path.substring(1);
        if (first.endsWith("/")) {
            first = first.substring(0, first.length() - 1);
        }
        if (first.isEmpty() || first.indexOf('/') >= 0) {
            return false;
        }
        Optional<String> decoded = dev.parceler.download.RequestPath.decode(first);
        return decoded.isPresent() && MessageDigest.isEqual(MaintenanceStore.hash(decoded.get()).getBytes(StandardCharsets.US_ASCII),
                secretHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** The bypass cookie: an HMAC of the secret's hash under APP_KEY, so it is good only for this secret. */
    private String cookieValue(String secretHash) {
        return Sha256.hmacHex(key, "maintenance\n" + secretHash);
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
