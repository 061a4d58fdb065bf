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
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parceler serve} stopped with SIGTERM (as Docker and systemd stop it) while a download is under way. */
class ServeShutdownIT {
    @TempDir
    Path home;

    @Test
    void aDownloadUnderWayFinishesBeforeTheServerStops() throws Exception {
        int port = NginxServer.freePort();
        Trees.write(home.resolve("credentials"), "community:machine-1:machine-secret\n");
        Map<String, String> environment = Map.of("APP_TIMEZONE", "UTC", "HTTP_HOST", "127.0.0.1", "HTTP_PORT", Integer.toString(port),
                "APP_KEY", "base64:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "COMMUNITY_AUTH", "file",
                "AUTH_CREDENTIALS_FILE", home.resolve("credentials").toString());
        byte[] large = new byte[32 * 1024 * 1024];
        try (TestInstallation parceler = TestInstallation.in(home)) {
            parceler.env("APP_TIMEZONE", "UTC");
            parceler.createRepository("base", 7);
            Path snapshot = parceler.snapshot("base", "2026-11-20T00:00:00+00:00");
            Files.write(snapshot.resolve("large.ipk"), large);
        }

        try (Background serve = Background.start(home, environment, "serve", "serve")) {
            Eventually.await(Duration.ofSeconds(60), "serve answers", () -> HttpProbe.up(port));

            long received = downloadWhileStopping(port, serve);

            assertThat(received).as(serve.log()).isEqualTo(large.length);
            assertThat(serve.alive()).isFalse();
        }
    }

    /** Reads a large file slowly; once its headers arrive, SIGTERM goes to the server. Returns the body bytes received. */
    private static long downloadWhileStopping(int port, Background serve) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setReceiveBufferSize(16 * 1024);
            socket.getOutputStream().write(("GET /repository/community/base/large.ipk HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                    + "Authorization: " + basic("machine-1", "machine-secret") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            StringBuilder head = new StringBuilder();
            Thread stopper = null;
            long received = 0;
            for (int read; (read = in.read(buffer)) > 0; ) {
                if (stopper == null) {
                    head.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
                    int headerEnd = head.indexOf("\r\n\r\n");
                    if (headerEnd >= 0) {
                        assertThat(head.toString()).startsWith("HTTP/1.1 200");
                        received = head.length() - headerEnd - 4;
                        stopper = new Thread(serve::stop);
                        stopper.start();
                    }
                    continue;
                }
                received += read;
                Thread.sleep(2);
            }
            if (stopper != null) {
                stopper.join();
            }
            return received;
        }
    }
}
