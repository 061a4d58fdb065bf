package dev.parceler.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFileTest {
    @TempDir
    Path home;

    @Test
    void replacesTheAssignmentAndKeepsEveryOtherLine() throws Exception {
        Path file = home.resolve(".env");
        Files.writeString(file, "# APP_KEY=commented\nAPP_NAME=Parceler\nAPP_KEY=\nHTTP_PORT=8080\n");

        new EnvFile(file).set("APP_KEY", "base64:abc");

        assertThat(Files.readString(file))
                .isEqualTo("# APP_KEY=commented\nAPP_NAME=Parceler\nAPP_KEY=base64:abc\nHTTP_PORT=8080\n");
    }

    @Test
    void appendsWhenMissingAndCreatesTheFile() throws Exception {
        Path file = home.resolve(".env");

        new EnvFile(file).set("APP_KEY", "one");
        new EnvFile(file).set("OTHER", "two");

        assertThat(Files.readAllLines(file)).containsExactly("APP_KEY=one", "OTHER=two");
        assertThat(new SettingsReader(java.util.Map.of(), home).read().appKey()).contains("one");
    }

    @Test
    void generatedKeysAreLaravelShapedAndDistinct() {
        SecureRandom random = new SecureRandom();
        String first = AppKey.generate(random);
        String second = AppKey.generate(random);

        assertThat(first).startsWith("base64:").isNotEqualTo(second);
        assertThat(Base64.getDecoder().decode(first.substring("base64:".length()))).hasSize(32);
    }
}
