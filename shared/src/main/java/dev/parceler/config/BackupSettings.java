package dev.parceler.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Backups the scheduler takes by itself: on {@code BACKUP_SCHEDULE} (a cron expression; none: no
 * scheduled backups), into {@code BACKUP_DIR}, keeping the newest {@code BACKUP_KEEP}.
 */
public record BackupSettings(Optional<String> schedule, Path folder, int keep) {
    public boolean on() {
        return schedule.isPresent();
    }
}
