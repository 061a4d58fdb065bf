package dev.parceler.web;

import dev.parceler.admin.Admin;
import dev.parceler.admin.AdminSessions;
import dev.parceler.admin.AdminStore;
import dev.parceler.admin.LoginThrottle;
import dev.parceler.audit.AuditLog;
import dev.parceler.config.ConsoleSettings.StatusPage;
import dev.parceler.config.LogText;
import dev.parceler.download.ClientAddress;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.snapshot.FreezeException;
import dev.parceler.snapshot.SnapshotFreeze;
import dev.parceler.sync.JobQueue;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator console: the status page {@code /}, sign-in and sign-out, the repository pages
 * and their actions (sync now, release, freeze, unfreeze, rollback), each with a reason kept in the audit
 * log. Every form carries a CSRF token: the session's own once signed in, and before that a
 * random value that must also be in a cookie (a page of another site can set neither). Only
 * these routes read the session; downloads never do.
 */
public final class ConsoleRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleRoutes.class);
    public static final String SESSION_COOKIE = "parceler_session";
    static final String LOGIN_CSRF_COOKIE = "parceler_login_csrf";
    static final String CSRF_FIELD = "_csrf";
    static final int MAX_NAME_TRIED = 128;
    /** Seconds a sign-in refused because the password checks are busy waits: they take a fraction of one. */
    static final String RETRY_BUSY = "1";
    static final List<String> ACTIONS = List.of("sync", "release", "freeze", "unfreeze", "rollback");
    private static final String CSS;
    /** Times as ISO-8601 text, as docs/monitoring.md documents them. */
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static {
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream("/web/static/console.css")) {
            CSS = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final Pages pages;
    private final StatusReport status;
    private final RepositoryPage repositoryPage;
    private final RepositoryStore repositories;
    private final SnapshotFreeze freezes;
    private final dev.parceler.snapshot.SnapshotRollback rollbacks;
    private final JobQueue jobs;
    private final AuditLog audit;
    private final AdminStore admins;
    private final AdminSessions sessions;
    private final LoginThrottle throttle;
    private final java.util.concurrent.Semaphore passwordChecks;
    private final ClientAddress clients;
    private final StatusPage statusPage;
    private final Optional<String> statusToken;
    private final boolean secureCookies;
    private final SecureRandom random;

    ConsoleRoutes(Pages pages, StatusReport status, RepositoryPage repositoryPage, RepositoryStore repositories, SnapshotFreeze freezes,
            dev.parceler.snapshot.SnapshotRollback rollbacks, JobQueue jobs, AuditLog audit, AdminStore admins, AdminSessions sessions, LoginThrottle throttle, StatusPage statusPage,
            Optional<String> statusToken, boolean secureCookies, SecureRandom random, int passwordChecks, ClientAddress clients) {
        this.pages = pages;
        this.status = status;
        this.repositoryPage = repositoryPage;
        this.repositories = repositories;
        this.freezes = freezes;
        this.rollbacks = rollbacks;
        this.jobs = jobs;
        this.audit = audit;
        this.admins = admins;
        this.sessions = sessions;
        this.throttle = throttle;
        this.passwordChecks = new java.util.concurrent.Semaphore(passwordChecks);
        this.clients = clients;
        this.statusPage = statusPage;
        this.statusToken = statusToken;
        this.secureCookies = secureCookies;
        this.random = random;
    }

    public void addTo(RoutesConfig routes) {
        routes.get("/", this::statusPage);
        routes.get("/console.css", ctx -> ctx.contentType("text/css; charset=utf-8").header("Cache-Control", "max-age=3600").result(CSS));
        routes.get("/login", this::loginForm);
        routes.post("/login", this::login);
        routes.post("/logout", this::logout);
        routes.get("/repositories/{name}", this::repositoryPage);
        routes.post("/repositories/{name}/{action}", this::action);
        routes.get("/api/status", this::apiStatus);
    }

    private Optional<AdminSessions.SignedIn> signedIn(Context ctx) {
        return sessions.find(ctx.cookie(SESSION_COOKIE));
    }

    private void statusPage(Context ctx) {
        Optional<AdminSessions.SignedIn> admin = signedIn(ctx);
        if (statusPage == StatusPage.ADMIN && admin.isEmpty()) {
            toLogin(ctx, "/");
            return;
        }
        Map<String, Object> model = model(admin, "Status");
        model.put("status", status.now());
        html(ctx, HttpStatus.OK, "status", model);
    }

    private void repositoryPage(Context ctx) {
        Optional<AdminSessions.SignedIn> admin = signedIn(ctx);
        if (admin.isEmpty()) {
            toLogin(ctx, ctx.path());
            return;
        }
        Optional<Repository> repository = repositories.find(ctx.pathParam("name"));
        if (repository.isEmpty()) {
            message(ctx, HttpStatus.NOT_FOUND, admin, "Not found", "There is no repository named '" + ctx.pathParam("name") + "'.");
            return;
        }
        renderRepository(ctx, HttpStatus.OK, admin.get(), repository.get(), Optional.ofNullable(ctx.queryParam("done")), Optional.empty());
    }

    private void renderRepository(Context ctx, HttpStatus code, AdminSessions.SignedIn admin, Repository repository, Optional<String> done,
            Optional<String> error) {
        ServiceStatus.RepositoryStatus row = status.repository(repository, List.of());
        Map<String, Object> model = model(Optional.of(admin), repository.name());
        model.put("page", repositoryPage.of(repository, row));
        done.filter(ACTIONS::contains).ifPresent(action -> model.put("done", action));
        error.ifPresent(text -> model.put("error", text));
        html(ctx, code, "repository", model);
    }

    private void action(Context ctx) {
        Optional<AdminSessions.SignedIn> admin = signedIn(ctx);
        if (admin.isEmpty()) {
            message(ctx, HttpStatus.FORBIDDEN, admin, "Sign in first", "Your session has ended. Sign in and try again.");
            return;
        }
        if (!sameToken(ctx.formParam(CSRF_FIELD), admin.get().csrfToken())) {
            csrfRefused(ctx, admin);
            return;
        }
        String action = ctx.pathParam("action");
        Optional<Repository> repository = repositories.find(ctx.pathParam("name"));
        if (repository.isEmpty() || !ACTIONS.contains(action)) {
            message(ctx, HttpStatus.NOT_FOUND, admin, "Not found", "There is no such repository or action.");
            return;
        }
        String name = repository.get().name();
        String reason = Optional.ofNullable(ctx.formParam("reason")).map(String::strip).orElse("");
        if (reason.isEmpty()) {
            renderRepository(ctx, HttpStatus.BAD_REQUEST, admin.get(), repository.get(), Optional.empty(),
                    Optional.of("Give a reason for the " + action + "."));
            return;
        }
        if (reason.length() > AuditLog.MAX_REASON) {
            renderRepository(ctx, HttpStatus.BAD_REQUEST, admin.get(), repository.get(), Optional.empty(),
                    Optional.of("A reason has at most " + AuditLog.MAX_REASON + " characters."));
            return;
        }
        Optional<String> detail = Optional.empty();
        try {
            switch (action) {
                case "sync" -> jobs.sync(name);
                case "release" -> jobs.release(name);
                case "freeze" -> {
                    String snapshot = Optional.ofNullable(ctx.formParam("snapshot")).filter(s -> !s.isBlank()).orElse(null);
                    String target = freezes.target(name, Optional.ofNullable(snapshot));
                    freezes.freeze(name, target);
                    detail = Optional.of(target);
                }
                case "unfreeze" -> {
                    detail = repository.get().freeze();
                    freezes.unfreeze(name);
                }
                case "rollback" -> {
                    String snapshot = Optional.ofNullable(ctx.formParam("snapshot")).filter(s -> !s.isBlank()).orElse(null);
                    detail = Optional.of(rollbacks.rollBack(name, Optional.ofNullable(snapshot)).to());
                }
                default -> throw new IllegalStateException(action);
            }
        } catch (FreezeException e) {
            renderRepository(ctx, HttpStatus.CONFLICT, admin.get(), repositories.find(name).orElse(repository.get()), Optional.empty(),
                    Optional.of(e.getMessage()));
            return;
        }
        audit.record(name, action, detail, reason, admin.get().admin());
        status.changed();
        LOG.info("Console: {} {} of '{}'{}", admin.get().admin(), action, name, detail.map(d -> " on '" + d + "'").orElse(""));
        ctx.status(HttpStatus.SEE_OTHER).header("Location", "/repositories/" + name + "?done=" + action);
    }

    private void loginForm(Context ctx) {
        Optional<AdminSessions.SignedIn> admin = signedIn(ctx);
        if (admin.isPresent()) {
            ctx.status(HttpStatus.SEE_OTHER).header("Location", "/");
            return;
        }
        renderLogin(ctx, HttpStatus.OK, Optional.empty(), "", safeNext(ctx.queryParam("next")));
    }

    private void renderLogin(Context ctx, HttpStatus code, Optional<String> error, String name, String next) {
        String token = randomToken();
        ctx.cookie(cookie(LOGIN_CSRF_COOKIE, token, -1, "/login"));
        Map<String, Object> model = model(Optional.empty(), "Sign in");
        model.put("csrf", token);
        model.put("name", name);
        model.put("next", next);
        error.ifPresent(text -> model.put("error", text));
        html(ctx, code, "login", model);
    }

    private void login(Context ctx) {
        String next = safeNext(ctx.formParam("next"));
        String cookie = ctx.cookie(LOGIN_CSRF_COOKIE);
        if (cookie == null || !sameToken(ctx.formParam(CSRF_FIELD), cookie)) {
            csrfRefused(ctx, Optional.empty());
            return;
        }
        // Names longer than any admin's are cut, so that failures of junk are recorded at a bounded size.
        String name = Optional.ofNullable(ctx.formParam("name")).map(String::strip)
                .map(text -> text.length() > MAX_NAME_TRIED ? text.substring(0, MAX_NAME_TRIED) : text).orElse("");
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        String address = clients.of(ctx);
        LoginThrottle.Attempt attempt = throttle.reserve(name, address);
        if (attempt instanceof LoginThrottle.Attempt.Throttled throttled) {
            long minutes = Math.max(1, (throttled.retryAfter().toSeconds() + 59) / 60);
            ctx.header("Retry-After", Long.toString(Math.max(1, throttled.retryAfter().toSeconds())));
            renderLogin(ctx, HttpStatus.TOO_MANY_REQUESTS,
                    Optional.of("Too many failed sign-ins. Try again in " + minutes + (minutes == 1 ? " minute." : " minutes.")),
                    name, next);
            return;
        }
        LoginThrottle.Attempt.Allowed allowed = (LoginThrottle.Attempt.Allowed) attempt;
        // Each check holds 19 MiB for a tenth of a second or so: a few at a time, the rest answered at once.
        if (!passwordChecks.tryAcquire()) {
            throttle.withdrawn(allowed);
            ctx.header("Retry-After", RETRY_BUSY);
            renderLogin(ctx, HttpStatus.SERVICE_UNAVAILABLE, Optional.of("Too many sign-ins at once. Try again in a moment."), name, next);
            return;
        }
        Optional<Admin> admin;
        try {
            admin = admins.authenticate(name, password);
        } finally {
            passwordChecks.release();
        }
        if (admin.isEmpty()) {
            LOG.warn("Console: failed sign-in as '{}' from {}", AdminStore.validName(name) ? name : "<invalid name>", address);
            renderLogin(ctx, HttpStatus.UNAUTHORIZED, Optional.of("Wrong name or password."), name, next);
            return;
        }
        throttle.succeeded(name, allowed);
        AdminSessions.Opened session = sessions.open(admin.get());
        ctx.cookie(cookie(SESSION_COOKIE, session.token(), -1, "/"));
        ctx.removeCookie(LOGIN_CSRF_COOKIE, "/login");
        LOG.info("Console: '{}' signed in from {}", name, address);
        ctx.status(HttpStatus.SEE_OTHER).header("Location", next);
    }

    private void logout(Context ctx) {
        Optional<AdminSessions.SignedIn> admin = signedIn(ctx);
        if (admin.isPresent()) {
            if (!sameToken(ctx.formParam(CSRF_FIELD), admin.get().csrfToken())) {
                csrfRefused(ctx, admin);
                return;
            }
            sessions.close(ctx.cookie(SESSION_COOKIE));
        }
        ctx.cookie(cookie(SESSION_COOKIE, "", 0, "/"));
        ctx.status(HttpStatus.SEE_OTHER).header("Location", "/login");
    }

    /** The facts of {@code /} as JSON, for an admin's browser or a script holding the release token. */
    private void apiStatus(Context ctx) {
        boolean tokenOk = false;
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.startsWith("Bearer ") && statusToken.isPresent()) {
            tokenOk = sameToken(authorization.substring("Bearer ".length()), statusToken.get());
        }
        if (!tokenOk && signedIn(ctx).isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer").status(HttpStatus.UNAUTHORIZED).json(Map.of("message", "Unauthenticated."));
            return;
        }
        try {
            ctx.header("Cache-Control", "no-store").contentType("application/json").result(JSON.writeValueAsString(status.now()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the status as JSON", e);
        }
    }

    private void csrfRefused(Context ctx, Optional<AdminSessions.SignedIn> admin) {
        LOG.warn("Console: form refused without a valid CSRF token: {} {} from {}", ctx.method(), LogText.escape(ctx.path()), clients.of(ctx));
        message(ctx, HttpStatus.FORBIDDEN, admin, "Form refused",
                "This form has expired or did not come from this site. Go back, reload the page and try again.");
    }

    private void message(Context ctx, HttpStatus code, Optional<AdminSessions.SignedIn> admin, String title, String text) {
        Map<String, Object> model = model(admin, title);
        model.put("message", text);
        html(ctx, code, "message", model);
    }

    private void toLogin(Context ctx, String next) {
        ctx.status(HttpStatus.SEE_OTHER).header("Location", "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    }

    /** Only a path of this site: never a redirect to another one. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\") || next.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return next;
    }

    private Map<String, Object> model(Optional<AdminSessions.SignedIn> admin, String title) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        admin.ifPresent(signedIn -> {
            model.put("admin", signedIn.admin());
            model.put("csrf", signedIn.csrfToken());
        });
        return model;
    }

    private void html(Context ctx, HttpStatus code, String template, Map<String, Object> model) {
        ctx.status(code)
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
                .html(pages.render(template, model));
    }

    private Cookie cookie(String name, String value, int maxAge, String path) {
        Cookie cookie = new Cookie(name, value);
        cookie.setPath(path);
        cookie.setMaxAge(maxAge);
        cookie.setHttpOnly(true);
        cookie.setSecure(secureCookies);
        cookie.setSameSite(SameSite.STRICT);
        return cookie;
    }

    private static boolean sameToken(String given, String expected) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
