package dev.parceler.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Backups the scheduler takes by itself: on {@code BACKUP_SCHEDULE} (a cron expression; none: no
 * scheduled backups), written into {@code BACKUP_DIR}, and kept there or, with {@code
 * BACKUP_DISK=s3}, in the bucket under {@link #S3_FOLDER} (then {@code BACKUP_DIR} only holds a
 * backup while it is uploaded); the newest {@code BACKUP_KEEP} are kept.
 */
public record BackupSettings(Optional<String> schedule, Path folder, int keep, DiskKind disk) {
    /** The bucket's folder for backups, beside {@code snapshots/} and {@code source/} when the repositories are there too. */
    public static final String S3_FOLDER = "backups";

    public boolean on() {
        return schedule.isPresent();
    }
}
