package dev.parceler.volume;

import dev.parceler.config.S3Settings;
import dev.parceler.config.Settings;
import dev.parceler.snapshot.FeedCheck;
import dev.parceler.snapshot.Manifest;
import dev.parceler.snapshot.S3SnapshotWriter;
import dev.parceler.snapshot.SnapshotCatalog;
import dev.parceler.snapshot.SnapshotChanges;
import dev.parceler.snapshot.SnapshotCompletion;
import dev.parceler.snapshot.SnapshotWriter;
import dev.parceler.storage.Disk;
import dev.parceler.storage.S3Disk;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code s3} volume: a bucket of any S3-compatible service, which has no rename: snapshots
 * are marked complete last, and sync commands reach it through an rclone remote.
 */
public final class S3Volume implements Volume {
    /** The rclone remote of the bucket, defined for sync commands. */
    public static final String RCLONE_REMOTE = "parceler";

    private final S3Disk disk;
    private final S3Settings settings;
    private final String sourceFolder;

    public S3Volume(S3Disk disk, S3Settings settings, String sourceFolder) {
        this.disk = disk;
        this.settings = settings;
        this.sourceFolder = sourceFolder;
    }

    static S3Volume open(Settings settings) {
        S3Settings s3 = settings.storage().s3().orElseThrow();
        // The snapshot's own marker names, so that a deletion removes the manifest first and the writing marker last.
        S3Disk disk = S3Disk.open(s3, new S3Disk.MarkerNames(Manifest.FILE_NAME, S3SnapshotWriter.WRITING_MARKER));
        return new S3Volume(disk, s3, settings.storage().sourceFolder());
    }

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public Disk disk() {
        return disk;
    }

    /** Objects appear one by one: only a folder holding its manifest, written last, is whole. */
    @Override
    public SnapshotCompletion completion() {
        return SnapshotCompletion.markedOn(disk);
    }

    @Override
    public SnapshotWriter snapshotWriter(SnapshotCatalog catalog, Clock clock, SnapshotChanges changes, FeedCheck feedCheck) {
        return new S3SnapshotWriter(disk, sourceFolder, catalog, clock, settings.copyConcurrency(), changes, feedCheck);
    }

    /**
     * App processes notice a new snapshot within {@link SnapshotChanges#NOTICED_WITHIN}, and until
     * then hand out presigned URLs into the old one: it must outlive that, and a second more.
     */
    @Override
    public Duration settleBeforeDeleting() {
        return SnapshotChanges.NOTICED_WITHIN.plusSeconds(1);
    }

    /** A prefix exists once an object is below it: nothing to make. */
    @Override
    public void prepareSource(String sourcePath) {
    }

    /**
     * The disk path, and {@code parceler:<bucket>/<path>} as the remote, defined by
     * {@code RCLONE_CONFIG_PARCELER_*} variables made from the {@code AWS_*} settings.
     */
    @Override
    public Map<String, String> syncVariables(String sourcePath, Map<String, String> worker) {
        Map<String, String> variables = new HashMap<>();
        variables.put("PARCELER_SOURCE_DIR", sourcePath);
        variables.put("PARCELER_SOURCE_REMOTE", RCLONE_REMOTE + ":" + settings.bucket() + "/" + sourcePath);
        variables.putAll(rcloneRemote());
        // rclone 1.60's s3 backend refuses to start when AWS_CA_BUNDLE is set ("unable to load custom CA
        // bundle, HTTPClient's transport unsupported type"); its own setting for the same thing is --ca-cert.
        String caBundle = worker.get("AWS_CA_BUNDLE");
        if (caBundle != null) {
            variables.put("AWS_CA_BUNDLE", null);
            variables.put("RCLONE_CA_CERT", caBundle);
        }
        return variables;
    }

    /** rclone's configuration of the {@code parceler} remote, as environment variables (rclone reads them as a config section). */
    private Map<String, String> rcloneRemote() {
        String prefix = "RCLONE_CONFIG_" + RCLONE_REMOTE.toUpperCase(Locale.ROOT) + "_";
        Map<String, String> remote = new HashMap<>();
        remote.put(prefix + "TYPE", "s3");
        remote.put(prefix + "PROVIDER", settings.endpoint() == null ? "AWS" : "Other");
        remote.put(prefix + "REGION", settings.region());
        if (settings.accessKeyId() == null) {
            remote.put(prefix + "ENV_AUTH", "true");
        } else {
            remote.put(prefix + "ACCESS_KEY_ID", settings.accessKeyId());
            remote.put(prefix + "SECRET_ACCESS_KEY", settings.secretAccessKey());
        }
        if (settings.endpoint() != null) {
            remote.put(prefix + "ENDPOINT", settings.endpoint().toString());
        }
        remote.put(prefix + "FORCE_PATH_STYLE", Boolean.toString(settings.pathStyle()));
        // The bucket exists already; creating it needs rights a sync should not need.
        remote.put(prefix + "NO_CHECK_BUCKET", "true");
        return remote;
    }

    @Override
    public Optional<Path> localRoot() {
        return Optional.empty();
    }

    @Override
    public <T> T delivery(Deliveries<T> deliveries) {
        return deliveries.presigned(disk, settings.presignTtl(), settings.downloadMode());
    }

    /** Its HTTP connections and the presigner's. */
    @Override
    public void close() {
        disk.close();
    }
}
