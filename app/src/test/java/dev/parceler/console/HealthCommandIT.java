package dev.parceler.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.Background;
import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.Eventually;
import dev.parceler.testing.HttpProbe;
import dev.parceler.testing.NginxServer;
import dev.parceler.testing.ParcelerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parceler health} and the heartbeats in {@code /up}, against real processes of the jar. */
class HealthCommandIT {
    @TempDir
    Path home;

    @Test
    void healthReportsTheProcessesOfThisHostAndFailsWhenOneIsGone() {
        int port = NginxServer.freePort();
        Map<String, String> environment = Map.of("APP_TIMEZONE", "UTC", "HTTP_HOST", "127.0.0.1", "HTTP_PORT", Integer.toString(port));

        ConsoleResult nothingYet = ParcelerProcess.run(home, environment, "health");
        assertThat(nothingYet.exitCode()).isEqualTo(1);
        assertThat(nothingYet.err()).startsWith("No Parceler process has beaten on ");

        try (Background service = Background.start(home, environment, "serve", "serve", "--with-worker", "--with-scheduler")) {
            Eventually.await(Duration.ofSeconds(60), "serve answers /up", () -> HttpProbe.up(port));
            Eventually.await(Duration.ofSeconds(30), "/up has seen the worker and the scheduler",
                    () -> new HttpProbe(port).get("/up").text().matches(
                            "\\{\"status\":\"up\",\"worker\":\\{\"seen\":true,\"last_seen\":\"[^\"]+\"},"
                                    + "\"scheduler\":\\{\"seen\":true,\"last_seen\":\"[^\"]+\"}}"));

            ConsoleResult healthy = ParcelerProcess.run(home, environment, "health");
            assertThat(healthy.exitCode()).as(healthy.toString()).isZero();
            assertThat(healthy.outLines()).hasSize(3).allMatch(line -> line.matches("(serve|worker|scheduler) on \\S+: alive \\(last beat \\d+ s ago\\)"));
            assertThat(ParcelerProcess.run(home, environment, "health", "Worker", "scheduler").exitCode()).isZero();

            assertThat(service.stop()).isIn(0, 143);
        }

        // The beats are seconds old, but serve no longer answers: its health says so at once.
        ConsoleResult gone = ParcelerProcess.run(home, environment, "health", "serve");
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.out()).containsPattern("serve on \\S+: beats but http://127.0.0.1:" + port + "/up does not answer");
        ConsoleResult bogus = ParcelerProcess.run(home, environment, "health", "database");
        assertThat(bogus.exitCode()).isEqualTo(1);
    }
}
