package dev.parceler.app;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.Background;
import dev.parceler.testing.Eventually;
import dev.parceler.testing.HttpProbe;
import dev.parceler.testing.NginxServer;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.Trees;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parceler serve} stopped with SIGTERM (as Docker and systemd stop it) while a download is under way. */
class ServeShutdownIT {
    @TempDir
    Path home;

    private static final int LARGE = 32 * 1024 * 1024;

    @Test
    void aDownloadUnderWayFinishesBeforeTheServerStops() throws Exception {
        int port = NginxServer.freePort();
        installWithALargeFile();

        try (Background serve = Background.start(home, environment(port, Map.of()), "serve", "serve")) {
            Eventually.await(Duration.ofSeconds(60), "serve answers", () -> HttpProbe.up(port));

            Stopped stopped = downloadWhileStopping(port, serve, Duration.ofMillis(2));

            assertThat(stopped.received()).as(serve.log()).isEqualTo(LARGE);
            assertThat(serve.alive()).isFalse();
        }
    }

    @Test
    void aDownloadStillUnderWayAtTheStopTimeoutIsCutAndServeExits() throws Exception {
        int port = NginxServer.freePort();
        installWithALargeFile();
        Duration stopTimeout = Duration.ofSeconds(3);

        try (Background serve = Background.start(home, environment(port, Map.of("SERVE_STOP_TIMEOUT", "3")), "serve", "serve")) {
            Eventually.await(Duration.ofSeconds(60), "serve answers", () -> HttpProbe.up(port));

            // A read of at most 64 KiB every 50 ms: the 32 MiB file would take half a minute at least.
            Stopped stopped = downloadWhileStopping(port, serve, Duration.ofMillis(50));

            assertThat(stopped.took()).as(serve.log()).isLessThan(stopTimeout.plus(HttpService.STOP_MARGIN));
            assertThat(stopped.received()).as("the download was cut").isLessThan(LARGE);
            assertThat(serve.alive()).isFalse();
        }
    }

    private void installWithALargeFile() throws Exception {
        Trees.write(home.resolve("credentials"), "community:machine-1:machine-secret\n");
        try (TestInstallation parceler = TestInstallation.in(home)) {
            parceler.env("APP_TIMEZONE", "UTC");
            parceler.createRepository("base", 7);
            Path snapshot = parceler.snapshot("base", "2026-11-20T00:00:00+00:00");
            Files.write(snapshot.resolve("large.ipk"), new byte[LARGE]);
        }
    }

    private Map<String, String> environment(int port, Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(Map.of("APP_TIMEZONE", "UTC", "HTTP_HOST", "127.0.0.1",
                "HTTP_PORT", Integer.toString(port), "APP_KEY", "base64:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                "COMMUNITY_AUTH", "file", "AUTH_CREDENTIALS_FILE", home.resolve("credentials").toString()));
        environment.putAll(extra);
        return environment;
    }

    /** The body bytes a download received, and how long serve took from SIGTERM to its exit. */
    private record Stopped(long received, Duration took) {
    }

    /**
     * Reads a large file slowly, pausing {@code pause} after each read; once its headers arrive,
     * SIGTERM goes to the server. Once the server has exited, what is left is read without pauses
     * (until the end of the body, or of the connection when the server cut it).
     */
    private static Stopped downloadWhileStopping(int port, Background serve, Duration pause) throws Exception {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(16 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            socket.getOutputStream().write(("GET /repository/community/base/large.ipk HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                    + "Authorization: " + basic("machine-1", "machine-secret") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            StringBuilder head = new StringBuilder();
            AtomicReference<Duration> took = new AtomicReference<>();
            Thread stopper = null;
            long received = 0;
            try {
                for (int read; (read = in.read(buffer)) > 0; ) {
                    if (stopper == null) {
                        head.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
                        int headerEnd = head.indexOf("\r\n\r\n");
                        if (headerEnd >= 0) {
                            assertThat(head.toString()).startsWith("HTTP/1.1 200");
                            received = head.length() - headerEnd - 4;
                            stopper = new Thread(() -> {
                                long start = System.nanoTime();
                                serve.stop();
                                took.set(Duration.ofNanos(System.nanoTime() - start));
                            });
                            stopper.start();
                        }
                        continue;
                    }
                    received += read;
                    if (stopper.isAlive()) {
                        Thread.sleep(pause.toMillis());
                    }
                }
            } catch (SocketException cut) {
                // A reset ends a cut download as well as a closed connection does.
            }
            if (stopper != null) {
                stopper.join();
            }
            return new Stopped(received, took.get());
        }
    }
}
