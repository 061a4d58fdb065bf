package dev.parceler.sync;

import dev.parceler.config.S3Settings;
import dev.parceler.config.Settings;
import dev.parceler.repository.Repository;
import dev.parceler.storage.DiskPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a sync command runs and what it is told, over the worker's own environment:
 * {@code PARCELER_REPOSITORY}, {@code PARCELER_SOURCE_DIR} (absolute on the local disk, a disk
 * path on s3), {@code PARCELER_DISK}, {@code RCLONE_CONFIG}, and {@code PARCELER_SOURCE_REMOTE},
 * the place to sync to as rclone names it. On s3 that is {@code parceler:<bucket>/source/<name>},
 * a remote defined by {@code RCLONE_CONFIG_PARCELER_*} variables made from the {@code AWS_*}
 * settings, so {@code rclone sync <upstream> "$PARCELER_SOURCE_REMOTE"} works on either disk.
 */
public final class SyncEnvironment {
    /** The rclone remote of the s3 disk's bucket, defined for sync commands. */
    public static final String RCLONE_REMOTE = "parceler";

    /** The variable that names the repository to its command, and tells its processes apart from others. */
    public static final String REPOSITORY_VARIABLE = "PARCELER_REPOSITORY";

    private final Settings settings;
    private final Map<String, String> worker;

    /** @param worker the worker process's own environment, which commands inherit */
    public SyncEnvironment(Settings settings, Map<String, String> worker) {
        this.settings = settings;
        this.worker = Map.copyOf(worker);
    }

    /** The local disk's root, as in the Laravel application (commands may use relative paths). */
    public Path workingDirectory() {
        return settings.storageRoot();
    }

    /** Creates the working directory, and the local disk's {@code source/<name>} so that commands may write into it straight away. */
    public void prepare(Repository repository) throws IOException {
        Files.createDirectories(settings.storageRoot());
        if (settings.disk() == dev.parceler.config.DiskKind.LOCAL) {
            Files.createDirectories(settings.storageRoot().resolve(DiskPath.join(settings.sourceFolder(), repository.name())));
        }
    }

    /** The variables to set (a null value: to remove) over the worker's environment. */
    public Map<String, String> forRepository(Repository repository) {
        String sourcePath = DiskPath.join(settings.sourceFolder(), repository.name());
        Map<String, String> variables = new HashMap<>();
        variables.put(REPOSITORY_VARIABLE, repository.name());
        variables.put("PARCELER_DISK", settings.disk().name().toLowerCase(Locale.ROOT));
        switch (settings.disk()) {
            case LOCAL -> {
                String absolute = settings.storageRoot().resolve(sourcePath).toString();
                variables.put("PARCELER_SOURCE_DIR", absolute);
                variables.put("PARCELER_SOURCE_REMOTE", absolute);
            }
            case S3 -> {
                S3Settings s3 = settings.s3().orElseThrow();
                variables.put("PARCELER_SOURCE_DIR", sourcePath);
                variables.put("PARCELER_SOURCE_REMOTE", RCLONE_REMOTE + ":" + s3.bucket() + "/" + sourcePath);
                variables.putAll(rcloneRemote(s3));
                // rclone 1.60's s3 backend refuses to start when AWS_CA_BUNDLE is set ("unable to load custom CA
                // bundle, HTTPClient's transport unsupported type"); its own setting for the same thing is --ca-cert.
                String caBundle = worker.get("AWS_CA_BUNDLE");
                if (caBundle != null) {
                    variables.put("AWS_CA_BUNDLE", null);
                    variables.put("RCLONE_CA_CERT", caBundle);
                }
            }
        }
        settings.rcloneConfig().ifPresent(config -> variables.put("RCLONE_CONFIG", config));
        return variables;
    }

    /** rclone's configuration of the {@code parceler} remote, as environment variables (rclone reads them as a config section). */
    static Map<String, String> rcloneRemote(S3Settings s3) {
        String prefix = "RCLONE_CONFIG_" + RCLONE_REMOTE.toUpperCase(Locale.ROOT) + "_";
        Map<String, String> remote = new HashMap<>();
        remote.put(prefix + "TYPE", "s3");
        remote.put(prefix + "PROVIDER", s3.endpoint() == null ? "AWS" : "Other");
        remote.put(prefix + "REGION", s3.region());
        if (s3.accessKeyId() == null) {
            remote.put(prefix + "ENV_AUTH", "true");
        } else {
            remote.put(prefix + "ACCESS_KEY_ID", s3.accessKeyId());
            remote.put(prefix + "SECRET_ACCESS_KEY", s3.secretAccessKey());
        }
        if (s3.endpoint() != null) {
            remote.put(prefix + "ENDPOINT", s3.endpoint().toString());
        }
        remote.put(prefix + "FORCE_PATH_STYLE", Boolean.toString(s3.pathStyle()));
        // The bucket exists already; creating it needs rights a sync should not need.
        remote.put(prefix + "NO_CHECK_BUCKET", "true");
        return remote;
    }
}
