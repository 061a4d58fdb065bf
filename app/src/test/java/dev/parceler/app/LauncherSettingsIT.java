package dev.parceler.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.ExternalBinary;
import dev.parceler.testing.ParcelerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM settings {@code ./parceler} gives each command (README "Memory"), as the JVM reads them:
 * {@code -XX:+PrintCommandLineFlags -version} in JAVA_OPTS makes the JVM print its flags and stop
 * before the jar runs.
 */
class LauncherSettingsIT {
    @TempDir
    Path home;

    @Test
    void eachLongRunningCommandGetsItsOwnSettings() throws Exception {
        assertThat(flags("serve", "")).contains("-XX:+UseSerialGC", "-XX:MaxHeapSize=268435456", "-XX:InitialHeapSize=16777216",
                "-XX:ThreadStackSize=512", "-XX:ReservedCodeCacheSize=67108864").doesNotContain("TieredStopAtLevel", "SharedArchiveFile");
        assertThat(flags("worker", "")).contains("-XX:+UseSerialGC", "-XX:MaxHeapSize=268435456", "-XX:InitialHeapSize=8388608",
                        "-XX:MaxNewSize=2097152", "-XX:CompileThresholdScaling=20")
                .doesNotContain("TieredStopAtLevel", "SharedArchiveFile");
        assertThat(flags("scheduler", "")).contains("-XX:+UseSerialGC", "-XX:MaxHeapSize=134217728", "-XX:TieredStopAtLevel=1");
        assertThat(flags("repo:list", "")).contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    }

    @Test
    void javaOptsWinAndMayChooseAnotherCollector() throws Exception {
        assertThat(flags("serve", "-Xmx512m -XX:+UseG1GC")).contains("-XX:MaxHeapSize=536870912", "-XX:+UseG1GC")
                .doesNotContain("UseSerialGC");
        assertThat(flags("scheduler", "-XX:TieredStopAtLevel=4")).contains("-XX:TieredStopAtLevel=4");
        assertThat(flags("repo:list", "-XX:+UseParallelGC")).contains("-XX:+UseParallelGC").doesNotContain("UseSerialGC");
    }

    /** The flags the JVM reports for {@code ./parceler <command>} with {@code javaOpts} added. */
    private String flags(String command, String javaOpts) throws IOException, InterruptedException {
        Path launcher = Path.of("..", "parceler").toAbsolutePath().normalize();
        ExternalBinary.require("bash");
        ProcessBuilder builder = new ProcessBuilder("bash", launcher.toString(), command).directory(home.toFile())
                .redirectErrorStream(true);
        builder.environment().put("PARCELER_JAR", ParcelerProcess.jar().toString());
        builder.environment().put("JAVA_OPTS", (javaOpts + " -XX:+PrintCommandLineFlags -version").trim());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(command + ": the launcher ends").isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out.lines().filter(line -> line.startsWith("-XX:")).findFirst().orElse("") + " ";
    }
}
