package dev.parceler.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parceler.repository.NewRepository;
import dev.parceler.repository.Repository;
import dev.parceler.storage.S3Disk;
import dev.parceler.testing.S3Bucket;
import dev.parceler.testing.S3Server;
import dev.parceler.testing.TestInstallation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots on the s3 disk, against a real S3-compatible server on loopback. */
class S3SnapshotWriterIT {
    // The test clock stands at 2026-11-21T12:00:00Z.
    static final String NOW = "2026-11-21T12:00:00+00:00";
    @RegisterExtension
    static final S3Bucket BUCKET = new S3Bucket();
    private final S3Server s3 = BUCKET.server();
    @TempDir
    Path home;
    private TestInstallation parceler;

    @BeforeEach
    void open() {
        parceler = BUCKET.installation(home);
    }

    @AfterEach
    void close() {
        parceler.close();
    }

    private Repository repository(Optional<String> subDir) {
        return parceler.installation().repositoryComponents().repositories().create(new NewRepository("base", "true", subDir, 7));
    }

    @Test
    void everyObjectIsCopiedAndTheManifestComesLast() {
        s3.put("source/base/Packages", "index");
        s3.put("source/base/sub/a.ipk", "package a");
        Repository repository = repository(Optional.empty());

        SnapshotWrite write = parceler.installation().snapshotComponents().writer().write(repository);

        assertThat(write.name()).isEqualTo(NOW);
        assertThat(write.stats().filesCopied()).isEqualTo(2);
        assertThat(s3.keys("snapshots/")).containsExactly(
                "snapshots/base/" + NOW + "/.parceler-manifest.json.gz", "snapshots/base/" + NOW + "/.parceler-writing",
                "snapshots/base/" + NOW + "/Packages", "snapshots/base/" + NOW + "/sub/a.ipk");
        assertThat(s3.get("snapshots/base/" + NOW + "/sub/a.ipk")).isEqualTo("package a");
        S3Disk disk = (S3Disk) parceler.installation().volume().disk();
        Manifest manifest = Manifest.fromBytes(disk.read("snapshots/base/" + NOW + "/" + Manifest.FILE_NAME).orElseThrow()).orElseThrow();
        assertThat(manifest.files()).extracting(Manifest.Entry::path).containsExactly("Packages", "sub/a.ipk");
        assertThat(manifest.files()).allSatisfy(entry -> assertThat(entry.etag()).isNotBlank());
        assertThat(parceler.installation().snapshotComponents().catalog().snapshots(repository)).containsExactly(NOW);
        // The source is left as it was: the next sync compares against it.
        assertThat(s3.keys("source/")).containsExactly("source/base/Packages", "source/base/sub/a.ipk");
    }

    @Test
    void onlyTheSubFolderIsPublished() {
        s3.put("source/base/feed/Packages", "index");
        s3.put("source/base/other/x", "x");

        parceler.installation().snapshotComponents().writer().write(repository(Optional.of("feed")));

        assertThat(s3.keys("snapshots/")).filteredOn(key -> !key.contains(".parceler-"))
                .containsExactly("snapshots/base/" + NOW + "/Packages");
    }

    @Test
    void threeHundredObjectsAreAllCopiedEightAtATime() {
        IntStream.range(0, 300).parallel().forEach(i -> s3.put("source/base/f" + i, "content " + i));
        parceler.env("AWS_COPY_CONCURRENCY", "8");

        SnapshotWrite write = parceler.installation().snapshotComponents().writer().write(repository(Optional.empty()));

        assertThat(write.stats().filesCopied()).isEqualTo(300);
        assertThat(s3.keys("snapshots/base/" + NOW + "/f")).hasSize(300);
        assertThat(s3.get("snapshots/base/" + NOW + "/f299")).isEqualTo("content 299");
    }

    @Test
    void anUnmarkedSnapshotNeverCountsAndIsRemovedOnlyWhenThisServiceStartedIt() {
        Repository repository = repository(Optional.empty());
        s3.put("snapshots/base/2026-11-20T00:00:00+00:00/Packages", "complete");
        s3.put("snapshots/base/2026-11-20T00:00:00+00:00/.parceler-writing", "");
        s3.put("snapshots/base/2026-11-20T00:00:00+00:00/.parceler-manifest.json.gz", "");
        s3.put("snapshots/base/2026-11-21T06:00:00+00:00/Packages", "cut short");
        s3.put("snapshots/base/2026-11-21T06:00:00+00:00/.parceler-writing", "");
        s3.put("snapshots/base/2026-11-19T00:00:00+00:00/Packages", "made by another tool");

        assertThat(parceler.installation().snapshotComponents().catalog().snapshots(repository)).containsExactly("2026-11-20T00:00:00+00:00");
        assertThat(parceler.installation().snapshotComponents().catalog().served(repository)).map(ServedSnapshot::folder)
                .hasValue("2026-11-20T00:00:00+00:00");

        s3.put("source/base/Packages", "new");
        parceler.installation().snapshotComponents().writer().write(repository);

        assertThat(s3.keys("snapshots/base/2026-11-21T06")).isEmpty();
        assertThat(s3.keys("snapshots/base/2026-11-19")).containsExactly("snapshots/base/2026-11-19T00:00:00+00:00/Packages");
    }

    @Test
    void aSnapshotInTheSameSecondTakesTheNextOne() {
        s3.put("source/base/Packages", "index");
        Repository repository = repository(Optional.empty());

        parceler.installation().snapshotComponents().writer().write(repository);
        SnapshotWrite second = parceler.installation().snapshotComponents().writer().write(repository);

        assertThat(second.name()).isEqualTo("2026-11-21T12:00:01+00:00");
    }

    @Test
    void anEmptySourceIsAClearFailureAndWritesNothing() {
        Repository repository = repository(Optional.empty());

        assertThatThrownBy(() -> parceler.installation().snapshotComponents().writer().write(repository))
                .isInstanceOf(SnapshotException.class)
                .hasMessage("Nothing to snapshot: source/base holds no objects in bucket parceler-test.");
        assertThat(s3.keys("snapshots/")).isEmpty();
    }

    @Test
    void cleanupDeletesWholeSnapshotsPastTheDelay() {
        Repository repository = repository(Optional.empty());
        s3.put("source/base/Packages", "index");
        parceler.installation().snapshotComponents().writer().write(repository);
        parceler.clock().advance(Duration.ofDays(8));
        parceler.installation().snapshotComponents().writer().write(repository);

        assertThat(parceler.installation().snapshotComponents().cleaner().clean(repository)).containsExactly(NOW);

        assertThat(s3.keys("snapshots/base/" + NOW)).isEmpty();
        assertThat(parceler.installation().snapshotComponents().catalog().snapshots(repository)).containsExactly("2026-11-29T12:00:00+00:00");
    }

    @Test
    void theFeedCheckRefusesAHalfPublishedFeedBeforeCopyingAnything() {
        Repository repository = repository(Optional.empty());
        String index = "Package: a\nVersion: 1\nFilename: a_1_all.ipk\nSize: 9\n\nPackage: b\nVersion: 1\nFilename: b_1_all.ipk\nSize: 3\n";
        s3.put("source/base/feed/Packages", index);
        s3.put("source/base/feed/a_1_all.ipk", "package a");

        assertThatThrownBy(() -> parceler.installation().snapshotComponents().writer().write(repository))
                .isInstanceOf(FeedCheckException.class)
                .hasMessage("feed check failed, 1 problem: feed/b_1_all.ipk is missing (b 1 in feed/Packages)");
        assertThat(s3.keys("snapshots/")).isEmpty();

        s3.put("source/base/feed/b_1_all.ipk", "bbb");
        parceler.installation().snapshotComponents().writer().write(repository);
        assertThat(parceler.installation().snapshotComponents().catalog().snapshots(repository)).containsExactly(NOW);
    }

    /**
     * A sync uploads files in parallel, so the signature may reach the bucket before its index:
     * the feed check dates both by the upstream times rclone keeps with them, not by the uploads.
     */
    @Test
    void aSignatureUploadedBeforeItsIndexIsDatedByItsUpstreamTime() throws Exception {
        Repository repository = repository(Optional.empty());
        Path upstream = java.nio.file.Files.createDirectories(home.resolve("upstream"));
        java.nio.file.Files.writeString(upstream.resolve("Packages"), "Package: a\nVersion: 1\nFilename: a_1_all.ipk\nSize: 9\n");
        java.nio.file.Files.writeString(upstream.resolve("a_1_all.ipk"), "package a");
        java.nio.file.Files.writeString(upstream.resolve("Packages.sig"), "signature");
        java.time.Instant signed = java.time.Instant.parse("2026-11-21T11:00:00Z");
        java.nio.file.Files.setLastModifiedTime(upstream.resolve("Packages"), java.nio.file.attribute.FileTime.from(signed.minusSeconds(5)));
        java.nio.file.Files.setLastModifiedTime(upstream.resolve("Packages.sig"), java.nio.file.attribute.FileTime.from(signed));

        rclone("copyto", upstream.resolve("Packages.sig"), "source/base/Packages.sig");
        rclone("copyto", upstream.resolve("a_1_all.ipk"), "source/base/a_1_all.ipk");
        // The bucket dates objects to the second: the index is uploaded in a later one.
        long second = java.time.Instant.now().getEpochSecond();
        dev.parceler.testing.Eventually.await(Duration.ofSeconds(2), "the next second", () -> java.time.Instant.now().getEpochSecond() > second);
        rclone("copyto", upstream.resolve("Packages"), "source/base/Packages");

        assertThat(parceler.installation().snapshotComponents().writer().write(repository).name()).isEqualTo(NOW);

        // A signature really older than its index is still refused.
        java.nio.file.Files.writeString(upstream.resolve("Packages"), "Package: a\nVersion: 1\nFilename: a_1_all.ipk\nSize: 9\n\n");
        java.nio.file.Files.setLastModifiedTime(upstream.resolve("Packages"), java.nio.file.attribute.FileTime.from(signed.plusSeconds(60)));
        rclone("copyto", upstream.resolve("Packages"), "source/base/Packages");
        parceler.clock().advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> parceler.installation().snapshotComponents().writer().write(repository))
                .isInstanceOf(FeedCheckException.class)
                .hasMessageContaining("Packages.sig is older than Packages: it signs an earlier index");
    }

    /** rclone uploading one file into the bucket, as a sync command does (it keeps the file's time in the object's metadata). */
    private void rclone(String command, Path from, String key) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(dev.parceler.testing.ExternalBinary.require("rclone").toString(), command,
                from.toString(), "bucket:" + S3Server.BUCKET + "/" + key).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("RCLONE_CONFIG", "/dev/null");
        // rclone 1.60's s3 backend refuses to start with AWS_CA_BUNDLE set (see S3Volume); the bucket is plain HTTP.
        environment.remove("AWS_CA_BUNDLE");
        environment.put("RCLONE_CONFIG_BUCKET_TYPE", "s3");
        environment.put("RCLONE_CONFIG_BUCKET_PROVIDER", "Other");
        environment.put("RCLONE_CONFIG_BUCKET_ACCESS_KEY_ID", S3Server.ACCESS_KEY);
        environment.put("RCLONE_CONFIG_BUCKET_SECRET_ACCESS_KEY", S3Server.SECRET_KEY);
        environment.put("RCLONE_CONFIG_BUCKET_ENDPOINT", s3.endpoint().toString());
        environment.put("RCLONE_CONFIG_BUCKET_FORCE_PATH_STYLE", "true");
        environment.put("RCLONE_CONFIG_BUCKET_NO_CHECK_BUCKET", "true");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("rclone " + command + ": " + output).isZero();
    }
}
