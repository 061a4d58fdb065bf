package dev.parceler.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.ExternalBinary;
import dev.parceler.testing.NginxServer;
import dev.parceler.testing.ParcelerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "First download in five minutes", run as a new user would paste it: the block
 * marked {@code <!-- first-download -->}, in an empty folder inside a clone, with only its two
 * ports moved to free ones (HTTP_PORT for the service's) and the service bound to loopback.
 */
class FirstDownloadIT {
    private static final Pattern BLOCK = Pattern.compile("<!-- first-download -->\\s*```bash\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path home;

    @Test
    void theReadmeTakesANewUserToAnAuthorizedDownload() throws Exception {
        ExternalBinary.require("rclone");
        ExternalBinary.require("curl");
        Path project = Path.of("..").toAbsolutePath().normalize();
        Matcher block = BLOCK.matcher(Files.readString(project.resolve("README.md")));
        assertThat(block.find()).as("README.md has the first-download block").isTrue();
        // The clone is the folder above the one the user works in ("../parceler").
        Path clone = Files.createDirectories(home.resolve("clone"));
        Files.createSymbolicLink(clone.resolve("parceler"), project.resolve("parceler"));
        Path work = Files.createDirectories(clone.resolve("demo"));
        int port = NginxServer.freePort();
        String script = block.group(1)
                .replace("8080", Integer.toString(port))
                .replace("8081", Integer.toString(NginxServer.freePort()));

        ProcessBuilder bash = new ProcessBuilder("setsid", "bash", "-c", script).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolve("out.txt").toFile());
        bash.environment().put("PARCELER_JAR", ParcelerProcess.jar().toString());
        bash.environment().put("HTTP_HOST", "127.0.0.1");
        bash.environment().put("HTTP_PORT", Integer.toString(port));
        bash.environment().put("RCLONE_CONFIG", Files.writeString(home.resolve("rclone.conf"), "").toString());
        Process process = bash.start();
        try {
            assertThat(process.waitFor(150, TimeUnit.SECONDS)).as("the block ends").isTrue();
        } finally {
            // The block leaves rclone and the service running in the background, as a user's shell would.
            new ProcessBuilder("kill", "-TERM", "--", "-" + process.pid()).start().waitFor(10, TimeUnit.SECONDS);
        }
        String out = Files.readString(home.resolve("out.txt"), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).as("the download, then repo:runs").contains("Package: demo\nVersion: 1\n").contains("succeeded");
        assertThat(Files.readString(work.resolve(".env"))).contains("COMMUNITY_AUTH=file").containsPattern("APP_KEY=base64:.+");
        assertThat(readLog(work)).doesNotContain("demo-secret");
    }

    private static String readLog(Path work) throws IOException {
        return Files.readString(work.resolve("parceler.log"));
    }
}
