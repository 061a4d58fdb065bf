package dev.parceler.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Everything an installation is configured with, read once at start by {@link SettingsReader}.
 * Paths are absolute: relative values are resolved against the working directory.
 */
public record Settings(
        URI appUrl,
        ZoneId timezone,
        Optional<String> appKey,
        int httpPort,
        LogLevel logLevel,
        DatabaseSettings database,
        DiskKind disk,
        Path storageRoot,
        Optional<S3Settings> s3,
        String sourceFolder,
        String snapshotFolder,
        Optional<String> releaseToken,
        Optional<String> milestoneToken,
        URI enterpriseEndpoint,
        URI communityEndpoint,
        String syncSchedule,
        Duration syncTimeout,
        Optional<String> rcloneConfig,
        Path envFile,
        String httpHost,
        AuthMode communityAuth,
        AuthMode enterpriseAuth,
        Path credentialsFile,
        Duration authRefusalTtl,
        Duration authTimeout,
        Optional<String> xAccelPrefix,
        NetifydSettings netifyd,
        ConsoleSettings console,
        int keepServed,
        Duration switchGrace,
        Duration serveStopTimeout,
        java.util.Set<String> staffMachines,
        ClientLimits limits,
        NotifySettings notices,
        BackupSettings backups) {

    @Override
    public String toString() {
        // Secrets (APP_KEY, the release tokens, DB_PASSWORD, the S3 secret, the netifyd API key) never reach a log line.
        return "Settings[appUrl=" + appUrl + ", timezone=" + timezone + ", httpPort=" + httpPort
                + ", database=" + database.describe() + ", disk=" + disk + ", storageRoot=" + storageRoot
                + ", s3=" + s3.map(S3Settings::toString).orElse("-") + "]";
    }
}
