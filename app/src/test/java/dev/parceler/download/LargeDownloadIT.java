package dev.parceler.download;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.CapturedLog;
import dev.parceler.testing.HttpProbe;
import dev.parceler.testing.KeptAliveConnection;
import dev.parceler.testing.RunningService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packages large enough to go out with sendfile, to machines that read slowly, keep their
 * connection for the next request, ask for a range, or hang up halfway.
 */
class LargeDownloadIT {
    static final String MACHINE = "Authorization: " + basic("machine-1", "good-secret");
    static final String LARGE = "/repository/community/base/packages/large.ipk";
    static final String PACKAGES = "/repository/community/base/packages/Packages";

    @TempDir
    Path home;
    private RunningService service;
    private final byte[] large = new byte[16 * 1024 * 1024];

    @BeforeEach
    void start() throws Exception {
        new Random(7).nextBytes(large);
        service = RunningService.start(home, Map.of());
        service.subscriptions().community("good-secret", "2027-01-01T00:00:00Z");
        service.parceler().createRepository("base", 7);
        Path snapshot = service.parceler().snapshot("base", DownloadIT.SERVED, Map.of("packages/Packages", "index"));
        Files.write(snapshot.resolve("packages/large.ipk"), large);
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void notModifiedAndMultipartAnswersLeaveTheConnectionReadyForTheNext() throws Exception {
        try (KeptAliveConnection connection = new KeptAliveConnection(service.port())) {
            connection.request(LARGE, MACHINE, "Range: bytes=0-0");
            String etag = connection.answer(64 * 1024, 0).header("ETag");

            connection.request(LARGE, MACHINE, "If-None-Match: " + etag);
            KeptAliveConnection.Answer notModified = connection.answer(64 * 1024, 0);
            connection.request(LARGE, MACHINE, "Range: bytes=0-99999,8000000-8099999");
            KeptAliveConnection.Answer parts = connection.answer(64 * 1024, 0);
            connection.request(PACKAGES, MACHINE);
            KeptAliveConnection.Answer next = connection.answer(64 * 1024, 0);

            assertThat(notModified.status()).isEqualTo(304);
            assertThat(notModified.header("Content-Length")).isNull();
            assertThat(parts.status()).isEqualTo(206);
            String body = new String(parts.body(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(body).contains("Content-Range: bytes 0-99999/" + large.length, "Content-Range: bytes 8000000-8099999/" + large.length);
            String second = body.substring(body.indexOf("bytes 8000000-"));
            second = second.substring(second.indexOf("\r\n\r\n") + 4, second.indexOf("\r\n\r\n") + 4 + 100_000);
            assertThat(sha256(second.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))
                    .isEqualTo(sha256(Arrays.copyOfRange(large, 8_000_000, 8_100_000)));
            assertThat(next.status()).isEqualTo(200);
            assertThat(new String(next.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("index");
        }
    }

    @Test
    void aSlowMachineGetsEveryByteAndKeepsItsConnectionForRangesAndSmallFiles() throws Exception {
        try (KeptAliveConnection connection = new KeptAliveConnection(service.port())) {
            connection.request(LARGE, MACHINE);
            // Not reading yet: both socket buffers fill, and the server must wait for this machine.
            long[] before = {-1};
            dev.parceler.testing.Eventually.await(Duration.ofSeconds(30), "the socket buffers full, short of the file", () -> {
                long unread = unread(connection);
                boolean full = unread > 0 && unread == before[0] && unread < large.length;
                before[0] = unread;
                return full;
            }, () -> before[0] + " bytes unread");
            KeptAliveConnection.Answer whole = connection.answer(64 * 1024, 1);

            assertThat(whole.status()).isEqualTo(200);
            assertThat(whole.header("Content-Length")).isEqualTo(Integer.toString(large.length));
            assertThat(sha256(whole.body())).as("the file, byte for byte").isEqualTo(sha256(large));

            connection.request(LARGE, MACHINE, "Range: bytes=1000000-2999999");
            KeptAliveConnection.Answer part = connection.answer(64 * 1024, 0);

            assertThat(part.status()).isEqualTo(206);
            assertThat(part.header("Content-Range")).isEqualTo("bytes 1000000-2999999/" + large.length);
            assertThat(sha256(part.body())).isEqualTo(sha256(Arrays.copyOfRange(large, 1_000_000, 3_000_000)));

            connection.request(PACKAGES, MACHINE);
            assertThat(new String(connection.answer(1024, 0).body())).isEqualTo("index");
        }
    }

    @Test
    void machinesHangingUpHalfwayLeaveTheServerServingAndFreeToStop() throws Exception {
        try (CapturedLog log = new CapturedLog()) {
            for (int i = 0; i < 5; i++) {
                try (KeptAliveConnection connection = new KeptAliveConnection(service.port())) {
                    connection.request(LARGE, MACHINE);
                    connection.readSome(100_000);
                }
            }
            // Each download the machine hung up on has ended on the server once it is in the access log.
            dev.parceler.testing.Eventually.await(java.time.Duration.ofSeconds(30), "the five downloads ended on the server",
                    () -> log.text().split("GET " + java.util.regex.Pattern.quote(LARGE), -1).length > 5, log::text);
            assertThat(log.text()).as("a machine hanging up is no server error").doesNotContain(" failed");
        }

        HttpProbe.Answer after = service.http().get(LARGE, MACHINE);
        assertThat(after.status()).isEqualTo(200);
        assertThat(sha256(after.body())).isEqualTo(sha256(large));

        // Stopping waits for downloads under way (30 s at most): none may be left hanging.
        long started = System.nanoTime();
        service.close();
        service = null;
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    private static long unread(KeptAliveConnection connection) {
        try {
            return connection.unread();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
