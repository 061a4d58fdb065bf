package dev.parceler.app;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.sync.JobRun.Outcome;
import dev.parceler.testing.Background;
import dev.parceler.testing.Eventually;
import dev.parceler.testing.HttpProbe;
import dev.parceler.testing.NginxServer;
import dev.parceler.testing.ParcelerProcess;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.Trees;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parceler serve --with-worker --with-scheduler}: the whole service in one JVM, the README's quick start. */
class SingleMachineIT {
    @TempDir
    Path home;

    @Test
    void oneProcessServesSyncsAndSchedules() throws Exception {
        int port = NginxServer.freePort();
        Trees.write(home.resolve("upstream/Packages"), "index");
        Trees.write(home.resolve("credentials"), "community:m1:s1\n");
        Map<String, String> environment = Map.of("APP_TIMEZONE", "UTC", "HTTP_HOST", "127.0.0.1", "HTTP_PORT", Integer.toString(port),
                "COMMUNITY_AUTH", "file", "AUTH_CREDENTIALS_FILE", home.resolve("credentials").toString());
        assertThat(ParcelerProcess.run(home, environment, "repo:create", "--name", "base", "--command",
                "cp -a " + home.resolve("upstream") + "/. \"$PARCELER_SOURCE_DIR\"/", "--source-folder", "", "--delay", "0",
                "--sync").exitCode()).isZero();

        try (Background service = Background.start(home, environment, "serve", "serve", "--with-worker", "--with-scheduler");
                TestInstallation parceler = TestInstallation.in(home)) {
            parceler.env("APP_TIMEZONE", "UTC");
            Eventually.await(Duration.ofSeconds(60), "the sync queued by repo:create ran in the same process", () ->
                    parceler.installation().jobs().runs().recent("base", 5).stream().anyMatch(run -> run.outcome() == Outcome.SUCCEEDED));

            HttpProbe http = new HttpProbe(port);
            assertThat(http.get("/repository/community/base/Packages", "Authorization: " + basic("m1", "s1")).text())
                    .isEqualTo("index");
            assertThat(service.log()).contains("Worker started", "Scheduler started", "Listening on 127.0.0.1:" + port);
            assertThat(service.stop()).isIn(0, 143);
        }
    }
}
