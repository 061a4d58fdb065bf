package dev.parceler.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Netify's integrator API on 127.0.0.1: licences (list in netifyd's format,
 * create, renew, delete) and the four catalogues. It checks the {@code x-api-key} header, records
 * every call ({@code "GET /api/v2/integrator/licenses?format=netifyd"}, {@code "POST
 * /api/v2/integrator/licenses {…}"}), and fails, slows down or stops on demand.
 */
public final class NetifyStandIn implements AutoCloseable {
    public static final String API_KEY = "netify-test-key-8c1f";
    private static final String BASE = "/api/v2/integrator/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, ObjectNode> licenses = new LinkedHashMap<>();
    private final Map<String, String> catalogs = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final AtomicInteger serials = new AtomicInteger();
    private volatile Clock clock = Clock.systemUTC();
    private volatile long delayMillis;

    public NetifyStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The environment that points an installation at this stand-in. */
    public Map<String, String> environment() {
        return Map.of("NETIFYD_API_ENDPOINT", "http://127.0.0.1:" + server.getAddress().getPort(), "NETIFYD_API_KEY", API_KEY,
                "NETIFYD_TIMEOUT", "2");
    }

    /** The clock created licences count their days from. */
    public NetifyStandIn useClock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Adds a licence issued to {@code label}, expiring at {@code expiresAt}, with these entitlements; returns its serial. */
    public synchronized String license(String label, Instant expiresAt, String... entitlements) {
        String serial = "NETIFY-" + serials.incrementAndGet();
        licenses.put(serial, license(serial, label, expiresAt, List.of(entitlements)));
        return serial;
    }

    /** The licence as the stand-in holds it now (as a client parses it from the wire), or null once deleted. */
    public synchronized JsonNode license(String serial) {
        ObjectNode license = licenses.get(serial);
        try {
            return license == null ? null : JSON.readTree(license.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized List<String> serials() {
        return List.copyOf(licenses.keySet());
    }

    /** Serves {@code data} for a catalogue such as {@code applications/catalog}. */
    public NetifyStandIn catalog(String path, String data) {
        catalogs.put(path, data);
        return this;
    }

    /** Every call whose "METHOD path" starts with {@code prefix} answers {@code status} (0: answer normally again). */
    public void failOn(String prefix, int status) {
        if (status == 0) {
            failures.remove(prefix);
        } else {
            failures.put(prefix, status);
        }
    }

    /** Every call answers {@code status} (0: answer normally again). */
    public void failWith(int status) {
        failOn("", status);
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

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        String call = exchange.getRequestMethod() + " " + target;
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        calls.add(body.isEmpty() ? call : call + " " + body);
        pause();
        if (!API_KEY.equals(exchange.getRequestHeaders().getFirst("x-api-key"))) {
            respond(exchange, 401, "{\"message\":\"Unauthenticated.\"}");
            return;
        }
        for (Map.Entry<String, Integer> failure : failures.entrySet()) {
            if (call.startsWith(failure.getKey())) {
                respond(exchange, failure.getValue(), "{\"message\":\"failing on purpose\"}");
                return;
            }
        }
        respond(exchange, answer(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), target, body));
    }

    private record Reply(int status, String body) {
    }

    private synchronized Reply answer(String method, String path, String target, String body) throws IOException {
        String licensesPath = BASE + "licenses";
        if (method.equals("GET") && target.equals(licensesPath + "?format=netifyd")) {
            ArrayNode data = JSON.createArrayNode();
            licenses.values().forEach(data::add);
            return data(data);
        }
        if (method.equals("POST") && path.equals(licensesPath)) {
            JsonNode request = JSON.readTree(body);
            List<String> entitlements = new ArrayList<>();
            request.path("entitlements").forEach(name -> entitlements.add(name.asText()));
            String serial = "NETIFY-" + serials.incrementAndGet();
            ObjectNode license = license(serial, request.path("issued_to").asText(),
                    clock.instant().plus(Duration.ofDays(request.path("duration_days").asLong())), entitlements);
            licenses.put(serial, license);
            return data(license);
        }
        if (path.startsWith(licensesPath + "/")) {
            String rest = path.substring(licensesPath.length() + 1);
            String serial = rest.endsWith("/renew") ? rest.substring(0, rest.length() - "/renew".length()) : rest;
            ObjectNode license = licenses.get(serial);
            if (license == null) {
                return new Reply(404, "{\"message\":\"License not found.\"}");
            }
            if (method.equals("DELETE") && serial.equals(rest)) {
                licenses.remove(serial);
                return data(JSON.createObjectNode());
            }
            if (method.equals("POST") && rest.endsWith("/renew")) {
                LocalDate expireAt = LocalDate.parse(JSON.readTree(body).path("expire_at").asText());
                expire(license, expireAt.atStartOfDay(ZoneOffset.UTC).toInstant());
                return data(license);
            }
        }
        if (method.equals("GET") && target.startsWith(BASE) && target.endsWith("?version=5.1")) {
            String catalog = catalogs.get(path.substring(BASE.length()));
            if (catalog != null) {
                return new Reply(200, "{\"status_code\":0,\"status_message\":\"Success\",\"data\":" + catalog + "}");
            }
        }
        return new Reply(404, "{\"message\":\"Not found.\"}");
    }

    private static ObjectNode license(String serial, String label, Instant expiresAt, List<String> entitlements) {
        ObjectNode license = JSON.createObjectNode().put("serial", serial).put("issued_to", label).put("format", "netifyd");
        expire(license, expiresAt);
        for (String entitlement : entitlements) {
            license.putObject(entitlement).put("not_valid_after", LocalDate.ofInstant(expiresAt, ZoneOffset.UTC).toString());
        }
        license.put("signature", "MEUCIQDxc2lnbmVkIGJ5IHRoZSBzdGFuZC1pbg==");
        return license;
    }

    private static void expire(ObjectNode license, Instant expiresAt) {
        license.putObject("expire_at").put("unix", expiresAt.getEpochSecond()).put("iso", expiresAt.toString());
    }

    private static Reply data(JsonNode data) {
        return new Reply(200, "{\"status_code\":0,\"status_message\":\"Success\",\"data\":" + data + "}");
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

    private static void respond(HttpExchange exchange, Reply reply) throws IOException {
        respond(exchange, reply.status(), reply.body());
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
