package dev.parceler.download;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.HttpProbe;
import dev.parceler.testing.HttpProbe.Answer;
import dev.parceler.testing.NginxServer;
import dev.parceler.testing.RecordingRelay;
import dev.parceler.testing.RunningService;
import dev.parceler.testing.S3Server;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The s3 disk with {@code DOWNLOAD_S3_MODE=nginx}, behind the project's nginx front, asked by a
 * client that behaves as OpenWrt's wget: the challenge first, then Basic credentials, which it
 * keeps across every redirect it follows. The bucket (S3Proxy, behind a relay that records what
 * reaches it) must never see the machine's credentials; with the 302 of the default mode it does.
 */
class S3ThroughNginxIT {
    static final String USER = "machine-1";
    static final String SECRET = "good-secret";
    static final String PACKAGES = "/repository/community/base/Packages";

    @TempDir
    Path home;
    private S3Server s3;
    private RecordingRelay bucket;
    private RunningService service;
    private NginxServer front;

    @BeforeEach
    void start() {
        s3 = S3Server.start();
        bucket = RecordingRelay.to(s3.endpoint());
        s3.put("snapshots/base/golden/Packages", "index through nginx");
        service = RunningService.start(home.resolve("parceler"), settings("nginx"));
        service.subscriptions().community(SECRET, "2027-01-01T00:00:00Z");
        service.parceler().createRepository("base", 7);
        assertThat(service.parceler().run("repo:freeze", "base", "golden").exitCode()).isZero();
        front = NginxServer.start(home.resolve("nginx"), service.port(), service.parceler().storageRoot());
    }

    private Map<String, String> settings(String mode) {
        Map<String, String> settings = new HashMap<>(s3.environment());
        // Parceler and nginx reach the bucket through the relay, which sees everything sent to it.
        settings.put("AWS_ENDPOINT", bucket.endpoint().toString());
        settings.put("DOWNLOAD_S3_MODE", mode);
        return settings;
    }

    @AfterEach
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {front, service, bucket, s3}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** What OpenWrt's wget does: no credentials, then Basic after the challenge, kept for every redirect (up to 10). */
    static List<Answer> wget(int port, String target, String... headers) {
        List<Answer> answers = new ArrayList<>();
        HttpProbe probe = new HttpProbe(port);
        Answer answer = probe.get(target, headers);
        answers.add(answer);
        List<String> withCredentials = new ArrayList<>(List.of(headers));
        withCredentials.add("Authorization: Basic " + Base64.getEncoder().encodeToString((USER + ":" + SECRET).getBytes()));
        if (answer.status() == 401 && answer.header("WWW-Authenticate") != null) {
            answer = probe.get(target, withCredentials.toArray(String[]::new));
            answers.add(answer);
        }
        for (int hop = 0; hop < 10 && answer.status() / 100 == 3; hop++) {
            URI location = URI.create(answer.header("Location"));
            probe = new HttpProbe(location.getPort());
            answer = probe.get(location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery()),
                    withCredentials.toArray(String[]::new));
            answers.add(answer);
        }
        return answers;
    }

    @Test
    void nginxFetchesTheFileForTheMachineWithoutItsCredentials() {
        List<Answer> answers = wget(front.port(), PACKAGES);

        assertThat(answers).extracting(Answer::status).containsExactly(401, 200);
        Answer file = answers.get(1);
        assertThat(file.text()).isEqualTo("index through nginx");
        assertThat(file.header("Content-Length")).isEqualTo("19");
        assertThat(file.header("ETag")).isNotNull();
        assertThat(file.headers().keySet()).noneMatch(name -> name.startsWith("x-parceler") || name.startsWith("x-amz"));
        assertThat(bucket.received()).contains("GET /parceler-test/snapshots/base/golden/Packages?")
                .doesNotContain(basic(USER, SECRET)).doesNotContain("Basic ").doesNotContain(SECRET);
    }

    @Test
    void rangesHeadAndValidatorsGoThrough() {
        String credentials = "Authorization: " + basic(USER, SECRET);
        Answer whole = new HttpProbe(front.port()).get(PACKAGES, credentials);

        Answer range = new HttpProbe(front.port()).get(PACKAGES, credentials, "Range: bytes=6-12");
        Answer staleRange = new HttpProbe(front.port()).get(PACKAGES, credentials, "Range: bytes=6-12", "If-Range: \"stale\"");
        Answer head = new HttpProbe(front.port()).head(PACKAGES, credentials);
        Answer byTag = new HttpProbe(front.port()).get(PACKAGES, credentials, "If-None-Match: " + whole.header("ETag"));
        // The bucket's time is when the snapshot was copied, later than the file's publication: never "not modified since".
        Answer byLaterDate = new HttpProbe(front.port()).get(PACKAGES, credentials, "If-Modified-Since: Fri, 01 Jan 2100 00:00:00 GMT");

        assertThat(range.status()).isEqualTo(206);
        assertThat(range.text()).isEqualTo("through");
        assertThat(range.header("Content-Range")).isEqualTo("bytes 6-12/19");
        assertThat(staleRange.status()).as("If-Range that S3 would ignore: the whole file").isEqualTo(200);
        assertThat(staleRange.text()).isEqualTo("index through nginx");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo("19");
        assertThat(byTag.status()).isEqualTo(304);
        assertThat(byTag.body()).isEmpty();
        assertThat(byLaterDate.status()).isEqualTo(200);
        assertThat(byLaterDate.text()).isEqualTo("index through nginx");
        assertThat(bucket.received()).doesNotContain("Basic ").doesNotContain("If-Modified-Since");
    }

    @Test
    void theDefaultRedirectSendsTheMachinesSecretToTheBucket() {
        front.close();
        service.close();
        service = RunningService.start(home.resolve("parceler"), settings("redirect"));
        service.subscriptions().community(SECRET, "2027-01-01T00:00:00Z");
        front = NginxServer.start(home.resolve("nginx-redirect"), service.port(), service.parceler().storageRoot());

        List<Answer> answers = wget(front.port(), PACKAGES);

        assertThat(answers).extracting(Answer::status).startsWith(401, 302);
        assertThat(bucket.received()).as("why DOWNLOAD_S3_MODE=nginx exists").contains(basic(USER, SECRET));
    }
}
