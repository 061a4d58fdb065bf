package dev.parceler.app;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.sync.JobRun.Outcome;
import dev.parceler.testing.Background;
import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.Eventually;
import dev.parceler.testing.HttpProbe;
import dev.parceler.testing.NginxServer;
import dev.parceler.testing.ParcelerProcess;
import dev.parceler.testing.PostgresDatabases;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.Trees;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SingleMachineIT} with {@code DB_CONNECTION=pgsql}: the real launcher migrates an empty
 * PostgreSQL database, creates a repository, and one process serves, syncs and schedules on it.
 */
class PostgresSingleMachineIT {
    @TempDir
    Path home;

    @RegisterExtension
    final PostgresDatabases postgres = new PostgresDatabases();

    @Test
    void migrateCreateSyncAndDownloadOnPostgres() throws Exception {
        int port = NginxServer.freePort();
        Trees.write(home.resolve("upstream/Packages"), "index");
        Trees.write(home.resolve("credentials"), "community:m1:s1\n");
        Map<String, String> database = postgres.emptyEnvironment();
        Map<String, String> environment = new HashMap<>(Map.of("APP_TIMEZONE", "UTC", "HTTP_HOST", "127.0.0.1",
                "HTTP_PORT", Integer.toString(port), "COMMUNITY_AUTH", "file", "AUTH_CREDENTIALS_FILE", home.resolve("credentials").toString()));
        environment.putAll(database);
        // The password must not show: give the server one it ignores (trust) and look for it in every output.
        environment.put("DB_PASSWORD", "pw-never-shown");

        ConsoleResult migrate = ParcelerProcess.run(home, environment, "migrate");
        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(migrate.outLines()).containsExactly("Database postgresql://parceler@127.0.0.1:" + postgres.server().port() + "/"
                + database.get("DB_DATABASE") + " is up to date.");
        assertThat(home.resolve("storage/database.sqlite")).as("no SQLite file with pgsql").doesNotExist();

        ConsoleResult create = ParcelerProcess.run(home, environment, "repo:create", "--name", "base", "--command",
                "cp -a " + home.resolve("upstream") + "/. \"$PARCELER_SOURCE_DIR\"/", "--source-folder", "", "--delay", "0", "--sync");
        assertThat(create.exitCode()).as(create.toString()).isZero();

        try (Background service = Background.start(home, environment, "serve", "serve", "--with-worker", "--with-scheduler");
                TestInstallation parceler = TestInstallation.in(home)) {
            environment.forEach(parceler::env);
            Eventually.await(Duration.ofSeconds(60), "the sync queued by repo:create ran on the worker", () ->
                    parceler.installation().jobs().runs().recent("base", 5).stream().anyMatch(run -> run.outcome() == Outcome.SUCCEEDED));

            HttpProbe http = new HttpProbe(port);
            assertThat(http.get("/repository/community/base/Packages", "Authorization: " + basic("m1", "s1")).text())
                    .isEqualTo("index");
            ConsoleResult list = ParcelerProcess.run(home, environment, "repo:list");
            assertThat(list.out()).contains("base");
            assertThat(service.log()).contains("Worker started", "Scheduler started", "Listening on 127.0.0.1:" + port)
                    .doesNotContain("pw-never-shown");
            assertThat(migrate + create.toString() + list).doesNotContain("pw-never-shown");
            assertThat(service.stop()).isIn(0, 143);
        }
    }
}
