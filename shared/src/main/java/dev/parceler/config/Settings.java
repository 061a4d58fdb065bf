package dev.parceler.config;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Everything an installation is configured with, by concern (each a record of its own), read once
 * at start by {@link SettingsReader}.
 * Paths are absolute: relative values are resolved against the working directory.
 */
public record Settings(
        ZoneId timezone,
        Optional<String> appKey,
        LogLevel logLevel,
        Path envFile,
        HttpSettings http,
        DatabaseSettings database,
        StorageSettings storage,
        AuthSettings auth,
        SyncSettings sync,
        ServingSettings serving,
        NetifydSettings netifyd,
        ConsoleSettings console,
        ClientLimits limits,
        NotifySettings notices,
        BackupSettings backups) {

    @Override
    public String toString() {
        // Secrets (APP_KEY, the release tokens, DB_PASSWORD, the S3 secret, the netifyd API key) never reach a log line.
        return "Settings[appUrl=" + http.appUrl() + ", timezone=" + timezone + ", httpPort=" + http.port()
                + ", database=" + database.describe() + ", disk=" + storage.disk() + ", storageRoot=" + storage.root()
                + ", s3=" + storage.s3().map(S3Settings::toString).orElse("-") + "]";
    }
}
