package dev.parceler.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.parceler.admin.AdminSessions;
import dev.parceler.config.ConsoleSettings.StatusPage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The status page {@code /} (public or for admins, {@code CONSOLE_STATUS_PAGE}), its style sheet,
 * and the same facts as JSON at {@code /api/status} for an admin's browser or a script holding
 * the release token.
 */
final class StatusRoutes {
    private static final String CSS;
    /** Times as ISO-8601 text, as docs/monitoring.md documents them. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static {
        try (InputStream in = StatusRoutes.class.getResourceAsStream("/web/static/console.css")) {
            CSS = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final ConsoleView view;
    private final StatusReport status;
    private final StatusPage statusPage;
    private final Optional<String> statusToken;

    StatusRoutes(ConsoleView view, StatusReport status, StatusPage statusPage, Optional<String> statusToken) {
        this.view = view;
        this.status = status;
        this.statusPage = statusPage;
        this.statusToken = statusToken;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/", this::statusPage);
        routes.get("/console.css", ctx -> ctx.contentType("text/css; charset=utf-8").header("Cache-Control", "max-age=3600").result(CSS));
        routes.get("/api/status", this::apiStatus);
    }

    private void statusPage(Context ctx) {
        Optional<AdminSessions.SignedIn> admin = view.signedIn(ctx);
        if (statusPage == StatusPage.ADMIN && admin.isEmpty()) {
            view.toLogin(ctx, "/");
            return;
        }
        Map<String, Object> model = view.model(admin, "Status");
        model.put("status", status.now());
        view.html(ctx, HttpStatus.OK, "status", model);
    }

    private void apiStatus(Context ctx) {
        boolean tokenOk = false;
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.startsWith("Bearer ") && statusToken.isPresent()) {
            tokenOk = ConsoleView.sameToken(authorization.substring("Bearer ".length()), statusToken.get());
        }
        if (!tokenOk && view.signedIn(ctx).isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer").status(HttpStatus.UNAUTHORIZED).json(Map.of("message", "Unauthenticated."));
            return;
        }
        try {
            ctx.header("Cache-Control", "no-store").contentType("application/json").result(JSON.writeValueAsString(status.now()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the status as JSON", e);
        }
    }
}
