package dev.parceler.worker;

import dev.parceler.config.Settings;
import dev.parceler.repository.Repository;
import dev.parceler.storage.DiskPath;
import dev.parceler.volume.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a sync command runs and what it is told, over the worker's own environment:
 * {@code PARCELER_REPOSITORY}, {@code PARCELER_DISK}, {@code RCLONE_CONFIG}, and what the volume
 * says of the source folder: {@code PARCELER_SOURCE_DIR} (absolute on the local disk, a disk path
 * on s3) and {@code PARCELER_SOURCE_REMOTE}, the place to sync to as rclone names it, so that
 * {@code rclone sync <upstream> "$PARCELER_SOURCE_REMOTE"} works on either disk.
 */
public final class SyncEnvironment {
    /** The variable that names the repository to its command, and tells its processes apart from others. */
    public static final String REPOSITORY_VARIABLE = "PARCELER_REPOSITORY";

    private final Settings settings;
    private final Volume volume;
    private final Map<String, String> worker;

    /** @param worker the worker process's own environment, which commands inherit */
    public SyncEnvironment(Settings settings, Volume volume, Map<String, String> worker) {
        this.settings = settings;
        this.volume = volume;
        this.worker = Map.copyOf(worker);
    }

    /** The local disk's root, as in the Laravel application (commands may use relative paths). */
    public Path workingDirectory() {
        return settings.storage().root();
    }

    /** Creates the working directory, and the source folder where the volume needs one made. */
    public void prepare(Repository repository) throws IOException {
        Files.createDirectories(settings.storage().root());
        volume.prepareSource(sourcePath(repository));
    }

    /** The variables to set (a null value: to remove) over the worker's environment. */
    public Map<String, String> forRepository(Repository repository) {
        Map<String, String> variables = new HashMap<>();
        variables.put(REPOSITORY_VARIABLE, repository.name());
        variables.put("PARCELER_DISK", volume.name());
        variables.putAll(volume.syncVariables(sourcePath(repository), worker));
        settings.sync().rcloneConfig().ifPresent(config -> variables.put("RCLONE_CONFIG", config));
        return variables;
    }

    private String sourcePath(Repository repository) {
        return DiskPath.join(settings.storage().sourceFolder(), repository.name());
    }
}
