package dev.parceler.web;

import dev.parceler.admin.AdminSessions;
import dev.parceler.config.LogText;
import dev.parceler.download.ClientAddress;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every console page answers: who is signed in (only the console's routes read the
 * session; downloads never do), the page's headers, the session and form cookies, and the
 * refusals and messages the routes share.
 */
final class ConsoleView {
    /** The console's one logger: its lines read as one story whichever route wrote them. */
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleRoutes.class);
    static final String SESSION_COOKIE = "parceler_session";
    static final String CSRF_FIELD = "_csrf";

    private final Pages pages;
    private final AdminSessions sessions;
    private final ClientAddress clients;
    private final boolean secureCookies;

    ConsoleView(Pages pages, AdminSessions sessions, ClientAddress clients, boolean secureCookies) {
        this.pages = pages;
        this.sessions = sessions;
        this.clients = clients;
        this.secureCookies = secureCookies;
    }

    Optional<AdminSessions.SignedIn> signedIn(Context ctx) {
        return sessions.find(ctx.cookie(SESSION_COOKIE));
    }

    String client(Context ctx) {
        return clients.of(ctx);
    }

    void csrfRefused(Context ctx, Optional<AdminSessions.SignedIn> admin) {
        LOG.warn("Console: form refused without a valid CSRF token: {} {} from {}", ctx.method(), LogText.escape(ctx.path()), clients.of(ctx));
        message(ctx, HttpStatus.FORBIDDEN, admin, "Form refused",
                "This form has expired or did not come from this site. Go back, reload the page and try again.");
    }

    void message(Context ctx, HttpStatus code, Optional<AdminSessions.SignedIn> admin, String title, String text) {
        Map<String, Object> model = model(admin, title);
        model.put("message", text);
        html(ctx, code, "message", model);
    }

    void toLogin(Context ctx, String next) {
        ctx.status(HttpStatus.SEE_OTHER).header("Location", "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    }

    Map<String, Object> model(Optional<AdminSessions.SignedIn> admin, String title) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        admin.ifPresent(signedIn -> {
            model.put("admin", signedIn.admin());
            model.put("csrf", signedIn.csrfToken());
        });
        return model;
    }

    void html(Context ctx, HttpStatus code, String template, Map<String, Object> model) {
        ctx.status(code)
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
                .html(pages.render(template, model));
    }

    Cookie cookie(String name, String value, int maxAge, String path) {
        Cookie cookie = new Cookie(name, value);
        cookie.setPath(path);
        cookie.setMaxAge(maxAge);
        cookie.setHttpOnly(true);
        cookie.setSecure(secureCookies);
        cookie.setSameSite(SameSite.STRICT);
        return cookie;
    }

    /** In constant time: a token's bytes are not given away by how long a refusal takes. */
    static boolean sameToken(String given, String expected) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
