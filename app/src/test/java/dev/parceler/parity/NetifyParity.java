package dev.parceler.parity;

import static dev.parceler.testing.HttpProbe.basic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parceler.testing.HttpProbe.Answer;
import dev.parceler.testing.NetifyStandIn;
import dev.parceler.testing.RunningService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The netifyd parity classes' fixture: the real server pointed at a stand-in of Netify's integrator API. */
final class NetifyParity implements AutoCloseable {
    static final String COMMUNITY = "NethSecurity Community Edition";
    static final String ENTERPRISE = "NethSecurity Enterprise Edition";
    static final String[] ENTITLEMENTS = {"netify-proc-aggregator", "netify-proc-flow-actions", "netify-proc-dev-discovery",
            "netify-sink-sqlite"};
    static final String LIST = "GET /api/v2/integrator/licenses?format=netifyd";
    static final String CREATE = "POST /api/v2/integrator/licenses ";
    /** A subscribed community machine's credentials. */
    static final String MACHINE = basic("system-id", "secret");
    static final ObjectMapper JSON = new ObjectMapper();

    final NetifyStandIn netify = new NetifyStandIn();
    private final Path home;
    private RunningService service;

    NetifyParity(Path home) {
        this.home = home;
    }

    /** Starts the server; licences and catalogues given to {@link #netify} before are there at once. */
    RunningService start() {
        Map<String, String> environment = new HashMap<>(netify.environment());
        service = RunningService.start(home, environment);
        netify.useClock(service.parceler().clock());
        service.subscriptions().community("secret", "2099-01-01T00:00:00Z").enterprise("system-id", "secret");
        return service;
    }

    Instant now() {
        return service.parceler().clock().instant();
    }

    void advance(Duration duration) {
        service.parceler().clock().advance(duration);
    }

    Answer get(String path, String... headers) {
        return service.http().get("/api/netifyd" + path, headers);
    }

    Answer machineGet(String path) {
        return get(path, "Authorization: " + MACHINE);
    }

    static JsonNode json(Answer answer) {
        return json(answer.text());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (service != null) {
            service.close();
        }
        netify.close();
    }
}
