package dev.parceler.sync;

import dev.parceler.config.Settings;
import dev.parceler.repository.Repository;
import dev.parceler.storage.DiskPath;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a sync command runs and what it is told: {@code PARCELER_REPOSITORY},
 * {@code PARCELER_SOURCE_DIR} (absolute on the local disk, a disk path on s3),
 * {@code PARCELER_DISK} and {@code RCLONE_CONFIG}, over the worker's own environment.
 */
public final class SyncEnvironment {
    private final Settings settings;

    public SyncEnvironment(Settings settings) {
        this.settings = settings;
    }

    /** The local disk's root, as in the Laravel application (commands may use relative paths). */
    public Path workingDirectory() {
        return settings.storageRoot();
    }

    /** Creates the local disk's {@code source/<name>} so that commands may write into it straight away. */
    public void prepare(Repository repository) throws java.io.IOException {
        if (settings.disk() == dev.parceler.config.DiskKind.LOCAL) {
            java.nio.file.Files.createDirectories(
                    settings.storageRoot().resolve(DiskPath.join(settings.sourceFolder(), repository.name())));
        }
    }

    public Map<String, String> forRepository(Repository repository) {
        String sourcePath = DiskPath.join(settings.sourceFolder(), repository.name());
        Map<String, String> variables = new HashMap<>();
        variables.put("PARCELER_REPOSITORY", repository.name());
        variables.put("PARCELER_DISK", settings.disk().name().toLowerCase(java.util.Locale.ROOT));
        variables.put("PARCELER_SOURCE_DIR", switch (settings.disk()) {
            case LOCAL -> settings.storageRoot().resolve(sourcePath).toString();
            case S3 -> sourcePath;
        });
        settings.rcloneConfig().ifPresent(config -> variables.put("RCLONE_CONFIG", config));
        return variables;
    }
}
