package dev.parceler.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parceler.testing.Eventually;
import dev.parceler.testing.S3Bucket;
import dev.parceler.testing.S3Server;
import dev.parceler.testing.TestInstallation;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The s3 disk against a real S3-compatible server on loopback. */
class S3DiskIT {
    @RegisterExtension
    static final S3Bucket BUCKET = new S3Bucket();
    private final S3Server s3 = BUCKET.server();
    @TempDir
    Path home;
    private TestInstallation parceler;
    private S3Disk disk;

    @BeforeEach
    void open() {
        parceler = BUCKET.installation(home);
        disk = (S3Disk) parceler.installation().volume().disk();
    }

    @AfterEach
    void close() {
        parceler.close();
    }

    @Test
    void foldersAndFilesAreKeyPrefixesAndKeys() {
        s3.put("snapshots/base/2026-11-21T00:00:00+00:00/Packages", "index");
        s3.put("snapshots/base/2026-11-21T00:00:00+00:00/sub/a.ipk", "a");
        s3.put("snapshots/base/golden/Packages", "golden");
        s3.put("snapshots/base-other/x", "x");
        s3.put("snapshots/base/placeholder/", "");

        assertThat(disk.folders("snapshots/base")).containsExactly("2026-11-21T00:00:00+00:00", "golden", "placeholder");
        assertThat(disk.folders("snapshots")).containsExactly("base", "base-other");
        assertThat(disk.folders("nowhere")).isEmpty();
        assertThat(disk.files("snapshots/base")).containsExactly(
                "snapshots/base/2026-11-21T00:00:00+00:00/Packages", "snapshots/base/2026-11-21T00:00:00+00:00/sub/a.ipk",
                "snapshots/base/golden/Packages");
        assertThat(disk.isFolder("snapshots/base/golden")).isTrue();
        assertThat(disk.isFolder("snapshots/bas")).isFalse();
        assertThat(disk.isFolder(".")).isTrue();
        assertThat(disk.isFile("snapshots/base/golden/Packages")).isTrue();
        assertThat(disk.isFile("snapshots/base/golden")).isFalse();
        assertThat(disk.folderStamp("snapshots/base")).isEmpty();
    }

    @Test
    void listingsFollowEveryPage() {
        List<String> written = new ArrayList<>();
        IntStream.range(0, 1_005).parallel().forEach(i -> s3.put("source/big/f" + String.format("%04d", i), "x"));
        IntStream.range(0, 1_005).forEach(i -> written.add("source/big/f" + String.format("%04d", i)));

        assertThat(disk.files("source/big")).containsExactlyElementsOf(written);
    }

    @Test
    void deletingAFolderTakesEverythingBelowItAndNothingBeside() {
        IntStream.range(0, 2_100).parallel().forEach(i -> s3.put("snapshots/base/T/f" + i, "x"));
        s3.put("snapshots/base/T/.parceler-manifest.json.gz", "m");
        s3.put("snapshots/base/T2/keep", "kept");
        s3.put("snapshots/base/Tkeep", "kept");

        disk.deleteFolder("snapshots/base/T");

        assertThat(s3.keys("snapshots/")).containsExactly("snapshots/base/T2/keep", "snapshots/base/Tkeep");
    }

    @Test
    void presignedUrlsWorkWithoutCredentialsForTheirMethodOnly() throws Exception {
        s3.put("snapshots/base/golden/Packages", "golden index");
        HttpClient plain = HttpClient.newHttpClient();

        var get = disk.presigned("snapshots/base/golden/Packages", Duration.ofSeconds(60), false);
        var head = disk.presigned("snapshots/base/golden/Packages", Duration.ofSeconds(60), true);

        assertThat(get.toString()).startsWith(s3.endpoint() + "/").contains("X-Amz-Signature=")
                .doesNotContain(S3Server.SECRET_KEY);
        HttpResponse<String> got = plain.send(HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo("golden index");
        HttpResponse<Void> headed = plain.send(HttpRequest.newBuilder(head).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(headed.statusCode()).isEqualTo(200);
        assertThat(headed.headers().firstValue("Content-Length")).hasValue("12");
        HttpResponse<String> wrongMethod = plain.send(HttpRequest.newBuilder(head).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongMethod.statusCode()).isEqualTo(403);
    }

    /**
     * Good at first, refused once its time is up. (The SDK's presigner takes no clock: the bucket's
     * own clock decides, so the test awaits the refusal instead of sleeping past it.)
     */
    @Test
    void anExpiredUrlIsRefused() throws Exception {
        s3.put("snapshots/base/golden/Packages", "golden index");
        // Signed to the second: 3 s leave at least 2 for the first request.
        var url = disk.presigned("snapshots/base/golden/Packages", Duration.ofSeconds(3), false);
        HttpClient plain = HttpClient.newHttpClient();
        HttpRequest get = HttpRequest.newBuilder(url).build();

        assertThat(status(plain, get)).as("fresh").isEqualTo(200);
        Eventually.await(Duration.ofSeconds(10), "the URL refused once its 3 s are over", () -> status(plain, get) == 403);
    }

    private static int status(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void pathsLeavingTheDiskAreRefused() {
        assertThatThrownBy(() -> disk.files("snapshots/../secret")).isInstanceOf(OutsideDiskException.class);
        assertThatThrownBy(() -> disk.isFile("/etc/passwd")).isInstanceOf(OutsideDiskException.class);
    }
}
