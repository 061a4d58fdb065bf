package dev.parceler.metrics;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.Handler;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** {@code GET /metrics} in Prometheus's text format, for a scraper holding {@code METRICS_TOKEN} as a bearer token. */
public final class MetricsRoute implements Handler {
    private final String token;
    private final PrometheusRegistry registry;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public MetricsRoute(String token, PrometheusRegistry registry) {
        this.token = token;
        this.registry = registry;
    }

    @Override
    public void handle(Context ctx) throws Exception {
        String authorization = ctx.header("Authorization");
        String expected = "Bearer " + token;
        if (authorization == null || !MessageDigest.isEqual(authorization.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            ctx.header("WWW-Authenticate", "Bearer").status(HttpStatus.UNAUTHORIZED).result("Unauthorized");
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, registry.scrape());
        ctx.header("Cache-Control", "no-store").contentType(writer.getContentType()).result(out.toByteArray());
    }
}
