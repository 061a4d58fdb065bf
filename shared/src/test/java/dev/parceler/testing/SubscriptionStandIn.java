package dev.parceler.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local stand-in for the subscription services on 127.0.0.1: community at {@code /community}
 * ({@code Authorization: token <secret>}), enterprise at {@code /enterprise} (Basic). Tests say
 * which secrets are valid, make it fail or slow, and count the calls it got.
 */
public final class SubscriptionStandIn implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, String> communityValidUntil = new ConcurrentHashMap<>();
    private final Map<String, String> enterpriseSecrets = new ConcurrentHashMap<>();
    private final java.util.Set<String> enterpriseAnyId = ConcurrentHashMap.newKeySet();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile int failWith;
    private volatile Answer override;
    private volatile long delayMillis;

    public SubscriptionStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/community", this::community);
        server.createContext("/enterprise", this::enterprise);
        server.start();
    }

    public URI communityEndpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/community");
    }

    public URI enterpriseEndpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/enterprise");
    }

    /** The environment that points an installation at this stand-in. */
    public Map<String, String> environment() {
        return Map.of("COMMUNITY_ENDPOINT", communityEndpoint().toString(), "ENTERPRISE_ENDPOINT", enterpriseEndpoint().toString(),
                "AUTH_TIMEOUT", "2");
    }

    /** A community machine whose secret is valid until {@code validUntil} (as the service writes it). */
    public SubscriptionStandIn community(String secret, String validUntil) {
        communityValidUntil.put(secret, validUntil);
        return this;
    }

    /**
     * Enterprise machines of any system id with this secret are subscribed: a fleet of many ids for
     * tests whose rings or staff lists need ids the realm verifies.
     */
    public SubscriptionStandIn enterpriseAnyId(String secret) {
        enterpriseAnyId.add(secret);
        return this;
    }

    public SubscriptionStandIn enterprise(String systemId, String secret) {
        enterpriseSecrets.put(systemId, secret);
        return this;
    }

    /** Every answer becomes this status (0: answer normally). */
    public void failWith(int status) {
        failWith = status;
    }

    /** An answer the services give instead of their own, whatever the credentials: a proxy's page, garbage. */
    public record Answer(int status, String contentType, String body) {
    }

    /** Every answer becomes {@code answer} (null: answer normally). */
    public void answerWith(Answer answer) {
        override = answer;
    }

    public void delay(long millis) {
        delayMillis = millis;
    }

    /** Stops answering at all: connections are refused. */
    public void stop() {
        server.stop(0);
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }

    private void community(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String secret = authorization != null && authorization.startsWith("token ") ? authorization.substring(6) : "";
        calls.add("community " + secret);
        pause();
        if (override != null) {
            respond(exchange, override);
        } else if (failWith != 0) {
            respond(exchange, failWith, "{\"message\":\"failing\"}");
        } else if (communityValidUntil.containsKey(secret)) {
            respond(exchange, 200, "{\"uuid\":\"x\",\"subscription\":{\"status\":\"active\",\"valid_until\":\""
                    + communityValidUntil.get(secret) + "\"}}");
        } else {
            respond(exchange, 401, "{\"message\":\"Unauthenticated.\"}");
        }
    }

    private void enterprise(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String pair = authorization != null && authorization.startsWith("Basic ")
                ? new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8) : ":";
        String systemId = pair.substring(0, pair.indexOf(':'));
        calls.add("enterprise " + pair);
        pause();
        if (override != null) {
            respond(exchange, override);
        } else if (failWith != 0) {
            respond(exchange, failWith, "failing");
        } else if (pair.substring(pair.indexOf(':') + 1).equals(enterpriseSecrets.get(systemId))
                || enterpriseAnyId.contains(pair.substring(pair.indexOf(':') + 1))) {
            respond(exchange, 200, "{\"system_id\":\"" + systemId + "\"}");
        } else {
            respond(exchange, 403, "{\"message\":\"Forbidden\"}");
        }
    }

    private void pause() {
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        respond(exchange, new Answer(status, "application/json", body));
    }

    private static void respond(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
