package dev.parceler.web;

import dev.parceler.admin.Admin;
import dev.parceler.admin.AdminSessions;
import dev.parceler.admin.AdminStore;
import dev.parceler.admin.LoginThrottle;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in and sign-out. Before signing in, the form's CSRF token is a random value that must also
 * be in a cookie (a page of another site can set neither). Attempts are throttled per name and
 * address before the password is checked, and only a few checks run at once.
 */
final class SignInRoutes {
    /** The console's one logger: its lines read as one story whichever route wrote them. */
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleRoutes.class);
    static final String LOGIN_CSRF_COOKIE = "parceler_login_csrf";
    static final int MAX_NAME_TRIED = 128;
    /** Seconds a sign-in refused because the password checks are busy waits: they take a fraction of one. */
    static final String RETRY_BUSY = "1";

    private final ConsoleView view;
    private final AdminStore admins;
    private final AdminSessions sessions;
    private final LoginThrottle throttle;
    private final Semaphore passwordChecks;
    private final SecureRandom random;

    SignInRoutes(ConsoleView view, AdminStore admins, AdminSessions sessions, LoginThrottle throttle, int passwordChecks, SecureRandom random) {
        this.view = view;
        this.admins = admins;
        this.sessions = sessions;
        this.throttle = throttle;
        this.passwordChecks = new Semaphore(passwordChecks);
        this.random = random;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/login", this::loginForm);
        routes.post("/login", this::login);
        routes.post("/logout", this::logout);
    }

    private void loginForm(Context ctx) {
        Optional<AdminSessions.SignedIn> admin = view.signedIn(ctx);
        if (admin.isPresent()) {
            ctx.status(HttpStatus.SEE_OTHER).header("Location", "/");
            return;
        }
        renderLogin(ctx, HttpStatus.OK, Optional.empty(), "", safeNext(ctx.queryParam("next")));
    }

    private void renderLogin(Context ctx, HttpStatus code, Optional<String> error, String name, String next) {
        String token = randomToken();
        ctx.cookie(view.cookie(LOGIN_CSRF_COOKIE, token, -1, "/login"));
        Map<String, Object> model = view.model(Optional.empty(), "Sign in");
        model.put("csrf", token);
        model.put("name", name);
        model.put("next", next);
        error.ifPresent(text -> model.put("error", text));
        view.html(ctx, code, "login", model);
    }

    private void login(Context ctx) {
        String next = safeNext(ctx.formParam("next"));
        String cookie = ctx.cookie(LOGIN_CSRF_COOKIE);
        if (cookie == null || !ConsoleView.sameToken(ctx.formParam(ConsoleView.CSRF_FIELD), cookie)) {
            view.csrfRefused(ctx, Optional.empty());
            return;
        }
        // Names longer than any admin's are cut, so that failures of junk are recorded at a bounded size.
        String name = Optional.ofNullable(ctx.formParam("name")).map(String::strip)
                .map(text -> text.length() > MAX_NAME_TRIED ? text.substring(0, MAX_NAME_TRIED) : text).orElse("");
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        String address = view.client(ctx);
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
        ctx.cookie(view.cookie(ConsoleView.SESSION_COOKIE, session.token(), -1, "/"));
        ctx.removeCookie(LOGIN_CSRF_COOKIE, "/login");
        LOG.info("Console: '{}' signed in from {}", name, address);
        ctx.status(HttpStatus.SEE_OTHER).header("Location", next);
    }

    private void logout(Context ctx) {
        Optional<AdminSessions.SignedIn> admin = view.signedIn(ctx);
        if (admin.isPresent()) {
            if (!ConsoleView.sameToken(ctx.formParam(ConsoleView.CSRF_FIELD), admin.get().csrfToken())) {
                view.csrfRefused(ctx, admin);
                return;
            }
            sessions.close(ctx.cookie(ConsoleView.SESSION_COOKIE));
        }
        ctx.cookie(view.cookie(ConsoleView.SESSION_COOKIE, "", 0, "/"));
        ctx.status(HttpStatus.SEE_OTHER).header("Location", "/login");
    }

    /** Only a path of this site: never a redirect to another one. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\") || next.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return next;
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
