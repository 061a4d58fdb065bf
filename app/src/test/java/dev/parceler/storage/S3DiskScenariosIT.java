package dev.parceler.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.S3Server;
import dev.parceler.worker.TestWorker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The disk scenarios on the s3 disk, against a real S3-compatible server: downloads are redirects to presigned URLs. */
class S3DiskScenariosIT extends DiskScenarios {
    private S3Server s3;

    @Override
    @BeforeEach
    void start() {
        s3 = S3Server.start();
        super.start();
    }

    @Override
    @AfterEach
    void stop() {
        super.stop();
        s3.close();
    }

    @Override
    Map<String, String> diskSettings() {
        Map<String, String> settings = new java.util.HashMap<>(s3.environment());
        settings.put("AWS_PRESIGN_TTL", "45");
        return settings;
    }

    @Test
    void headIsRedirectedToAPresignedHeadThatNoCacheKeeps() throws Exception {
        TestWorker.on(service().parceler()).sync("base", java.util.UUID.randomUUID());

        var answer = service().http().head(path("Packages"), "Authorization: " + MACHINE);

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
        java.net.URI location = java.net.URI.create(answer.header("Location"));
        assertThat(location.getRawQuery()).contains("X-Amz-Expires=45").contains("X-Amz-Signature=")
                .doesNotContain(S3Server.SECRET_KEY);
        var followed = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(location)
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(followed.statusCode()).isEqualTo(200);
        assertThat(followed.headers().firstValue("Content-Length")).hasValue("8");
    }

    @Test
    void theAccessLogHoldsThePathNeverTheSignedUrlOrTheSecrets() throws Exception {
        TestWorker.on(service().parceler()).sync("base", java.util.UUID.randomUUID());
        try (dev.parceler.testing.CapturedLog log = new dev.parceler.testing.CapturedLog()) {
            assertThat(download("Packages")).isEqualTo("index v1");

            dev.parceler.testing.Eventually.await(java.time.Duration.ofSeconds(5), "the access log line",
                    () -> log.text().contains("GET /repository/community/base/Packages 302"));
            assertThat(log.text()).contains("machine-1").doesNotContain("X-Amz-Signature").doesNotContain("X-Amz-Credential")
                    .doesNotContain("good-secret").doesNotContain(S3Server.SECRET_KEY);
        }
    }

    @Override
    void place(String diskPath, String content) {
        s3.put(diskPath, content);
    }

    @Override
    void leaveInterruptedSnapshot(String repositoryFolder, String timestamp, String file, String content) {
        // The s3 writer marks a snapshot it starts, and writes the manifest (the completion marker) last.
        s3.put(repositoryFolder + "/" + timestamp + "/.parceler-writing", "");
        s3.put(repositoryFolder + "/" + timestamp + "/" + file, content);
    }

    @Override
    List<String> stored(String folder) {
        return s3.keys(folder + "/");
    }

    @Override
    int downloadStatus() {
        return 302;
    }
}
