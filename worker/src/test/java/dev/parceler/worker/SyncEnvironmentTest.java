package dev.parceler.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.config.Settings;
import dev.parceler.config.SettingsReader;
import dev.parceler.repository.Repository;
import dev.parceler.volume.Volume;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a sync command is told, on each disk. */
class SyncEnvironmentTest {
    @TempDir
    Path home;

    private final Repository base = new Repository(1, "base", "true", Optional.empty(), 7, Optional.empty(), false,
            Instant.EPOCH, Instant.EPOCH);

    private Settings settings(Map<String, String> environment) {
        return new SettingsReader(environment, home).read();
    }

    /** What the sync environment of the installation configured by {@code environment} tells a command about {@code base}. */
    private Map<String, String> variables(Map<String, String> environment, Map<String, String> worker) {
        Settings settings = settings(environment);
        try (Volume volume = Volume.open(settings)) {
            return new SyncEnvironment(settings, volume, worker).forRepository(base);
        }
    }

    @Test
    void onTheLocalDiskTheRemoteIsTheAbsoluteFolder() {
        Map<String, String> variables = variables(Map.of(), Map.of());

        Path source = home.resolve("storage/app/source/base");
        assertThat(variables).containsEntry("PARCELER_SOURCE_DIR", source.toString())
                .containsEntry("PARCELER_SOURCE_REMOTE", source.toString())
                .containsEntry("PARCELER_DISK", "local")
                .doesNotContainKey("RCLONE_CONFIG_PARCELER_TYPE");
    }

    @Test
    void onS3AnRcloneRemoteOfTheBucketIsDefinedFromTheAwsSettings() {
        Map<String, String> s3 = new HashMap<>(Map.of("FILESYSTEM_DISK", "s3", "AWS_BUCKET", "packages",
                "AWS_ACCESS_KEY_ID", "key-id", "AWS_SECRET_ACCESS_KEY", "secret", "AWS_DEFAULT_REGION", "eu-west-1",
                "AWS_ENDPOINT", "http://127.0.0.1:9000", "AWS_USE_PATH_STYLE_ENDPOINT", "true"));

        Map<String, String> variables = variables(s3, Map.of("AWS_CA_BUNDLE", "/etc/ca.pem"));

        assertThat(variables).containsEntry("PARCELER_SOURCE_DIR", "source/base")
                .containsEntry("PARCELER_SOURCE_REMOTE", "parceler:packages/source/base")
                .containsEntry("PARCELER_DISK", "s3")
                .containsEntry("RCLONE_CONFIG_PARCELER_TYPE", "s3")
                .containsEntry("RCLONE_CONFIG_PARCELER_PROVIDER", "Other")
                .containsEntry("RCLONE_CONFIG_PARCELER_ACCESS_KEY_ID", "key-id")
                .containsEntry("RCLONE_CONFIG_PARCELER_SECRET_ACCESS_KEY", "secret")
                .containsEntry("RCLONE_CONFIG_PARCELER_REGION", "eu-west-1")
                .containsEntry("RCLONE_CONFIG_PARCELER_ENDPOINT", "http://127.0.0.1:9000")
                .containsEntry("RCLONE_CONFIG_PARCELER_FORCE_PATH_STYLE", "true")
                .containsEntry("RCLONE_CA_CERT", "/etc/ca.pem")
                .containsEntry("AWS_CA_BUNDLE", null);
    }

    @Test
    void withoutKeysRcloneUsesTheMachinesOwnCredentials() {
        Map<String, String> variables = variables(
                Map.of("FILESYSTEM_DISK", "s3", "AWS_BUCKET", "packages"), Map.of());

        assertThat(variables).containsEntry("RCLONE_CONFIG_PARCELER_ENV_AUTH", "true")
                .containsEntry("RCLONE_CONFIG_PARCELER_PROVIDER", "AWS")
                .doesNotContainKey("RCLONE_CONFIG_PARCELER_ACCESS_KEY_ID")
                .doesNotContainKey("RCLONE_CA_CERT");
    }
}
