package dev.parceler.config;

import java.time.Duration;
import java.util.Optional;

/** When repositories are synced ({@code SYNC_SCHEDULE}), how long a sync command may run ({@code SYNC_TIMEOUT}), and rclone's configuration ({@code RCLONE_CONFIG}). */
public record SyncSettings(String schedule, Duration timeout, Optional<String> rcloneConfig) {
}
