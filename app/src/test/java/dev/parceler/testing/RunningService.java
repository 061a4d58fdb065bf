package dev.parceler.testing;

import dev.parceler.app.HttpService;
import dev.parceler.app.ServeRoot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A test installation with {@code parceler serve}'s HTTP service running in this JVM on a free
 * loopback port, pointed at a local subscription stand-in: the real server over real HTTP.
 */
public final class RunningService implements AutoCloseable {
    /**
     * How long a stop leaves connections open after the last download: on loopback the kernel
     * delivers at once, and the production linger would add up to two seconds to every test.
     */
    static final Duration DRAIN_LINGER = Duration.ofMillis(100);

    private final TestInstallation installation;
    private final SubscriptionStandIn subscriptions;
    private final HttpService http;
    private final HttpProbe probe;
    private final int port;

    private RunningService(TestInstallation installation, SubscriptionStandIn subscriptions, HttpService http, int port) {
        this.installation = installation;
        this.subscriptions = subscriptions;
        this.http = http;
        this.probe = new HttpProbe(port);
        this.port = port;
    }

    public static RunningService start(Path home, Map<String, String> environment) {
        SubscriptionStandIn subscriptions = new SubscriptionStandIn();
        TestInstallation installation = TestInstallation.in(home);
        installation.env("HTTP_HOST", "127.0.0.1");
        installation.env("APP_KEY", "base64:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        subscriptions.environment().forEach(installation::env);
        environment.forEach(installation::env);
        HttpService http = ServeRoot.http(installation.installation(), DRAIN_LINGER);
        int port = http.start(0);
        return new RunningService(installation, subscriptions, http, port);
    }

    public TestInstallation parceler() {
        return installation;
    }

    public SubscriptionStandIn subscriptions() {
        return subscriptions;
    }

    public HttpProbe http() {
        return probe;
    }

    /** The loopback port the server listens on, for clients that need their own socket. */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        http.close();
        subscriptions.close();
        installation.close();
    }
}
