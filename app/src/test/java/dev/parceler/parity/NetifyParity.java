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

/**
 * The netifyd parity classes' fixture: the real server pointed at a stand-in of Netify's
 * integrator API, in a folder of its own. A test class with {@code @ExtendWith(NetifyParity.PerTest.class)}
 * gets a new one as a parameter of each test (or its {@code @BeforeEach}), closed when the test ends.
 */
final class NetifyParity implements AutoCloseable {
    /** Hands each test its fixture, and closes it (server, stand-in, folder) when the test ends. */
    static final class PerTest implements org.junit.jupiter.api.extension.ParameterResolver {
        private static final org.junit.jupiter.api.extension.ExtensionContext.Namespace NAMESPACE =
                org.junit.jupiter.api.extension.ExtensionContext.Namespace.create(PerTest.class);

        @Override
        public boolean supportsParameter(org.junit.jupiter.api.extension.ParameterContext parameter,
                org.junit.jupiter.api.extension.ExtensionContext context) {
            return parameter.getParameter().getType() == NetifyParity.class;
        }

        @Override
        public NetifyParity resolveParameter(org.junit.jupiter.api.extension.ParameterContext parameter,
                org.junit.jupiter.api.extension.ExtensionContext context) {
            return context.getStore(NAMESPACE).getOrComputeIfAbsent(NetifyParity.class, key -> {
                try {
                    return new NetifyParity(java.nio.file.Files.createTempDirectory("parceler-netify-parity"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, NetifyParity.class);
        }
    }

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
    public void close() throws IOException {
        if (service != null) {
            service.close();
        }
        netify.close();
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(home)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(file);
            }
        }
    }
}
