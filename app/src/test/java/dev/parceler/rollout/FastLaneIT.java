package dev.parceler.rollout;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parceler.repository.NewRepository;
import dev.parceler.sync.JobRun;
import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.Eventually;
import dev.parceler.testing.RunningService;
import dev.parceler.testing.Trees;
import dev.parceler.worker.RepositoryWorker;
import dev.parceler.worker.TestWorker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code repo:release <name> --path <folder>} through the real server: one feed folder served new
 * at once while another stays delayed, for every ring that is behind, until the delay catches up
 * (the lane closes by itself) or the operator clears it.
 */
class FastLaneIT {
    static final String MACHINE = "Authorization: " + basic("machine-1", "lane-secret");
    static final String EARLY = "Authorization: " + basic("early-1", "lane-secret");

    @TempDir
    Path home;
    private RunningService service;
    private Path upstream;
    private RepositoryWorker worker;

    @BeforeEach
    void start() throws Exception {
        service = RunningService.start(home.resolve("parceler"), Map.of("APP_TIMEZONE", "UTC"));
        service.subscriptions().enterpriseAnyId("lane-secret");
        upstream = home.resolve("upstream");
        service.parceler().installation().repositoryComponents().repositories().create(new NewRepository("base",
                "cp -a " + upstream + "/. \"$PARCELER_SOURCE_DIR\"/", Optional.empty(), 7));
        worker = TestWorker.on(service.parceler());
        publish("v1");
        worker.sync("base", UUID.randomUUID());
        service.parceler().clock().advance(Duration.ofDays(1));
        publish("v2");
        worker.sync("base", UUID.randomUUID());
        service.parceler().clock().advance(Duration.ofMinutes(1));
        publish("v3");
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private void publish(String version) {
        Trees.write(upstream.resolve("feed/base/Packages"), "base " + version);
        Trees.write(upstream.resolve("feed/security/Packages"), "security " + version);
        Trees.write(upstream.resolve("feed/security/fix.ipk"), "fix " + version);
    }

    private String get(String feed, String machine) {
        return service.http().get("/repository/enterprise/base/feed/" + feed + "/Packages", machine).text();
    }

    private BooleanSupplier serves(String machine, String base, String security) {
        return () -> get("base", machine).equals(base) && get("security", machine).equals(security);
    }

    private void run(String... command) {
        ConsoleResult result = service.parceler().run(command);
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    @Test
    void oneFolderIsServedNewAtOnceWhileTheRestStaysDelayedUntilTheDelayCatchesUp() throws Exception {
        run("repo:ring:add", "base", "early", "--delay", "0", "--machines", "early-1");
        Eventually.await(Duration.ofSeconds(10), "the delay serves v1", serves(MACHINE, "base v1", "security v1"));

        assertThat(service.parceler().run("repo:release", "base", "--path", "feed/security").outLines())
                .containsExactly("Fast lane release of feed/security for base dispatched.");
        worker.fastLane("base", "feed/security", UUID.randomUUID());

        Eventually.await(Duration.ofSeconds(10), "the security feed is new, the base feed delayed", serves(MACHINE, "base v1", "security v3"));
        assertThat(get("base", EARLY)).as("a ring already past the lane's snapshot").isEqualTo("base v3");
        assertThat(service.parceler().run("repo:list", "--json").out()).contains("\"path\" : \"feed/security\"");
        assertThat(service.parceler().run("repo:list").out()).contains("fast lane feed/security");
        assertThat(service.parceler().installation().jobs().runs().recent("base", 1).get(0).kind()).isEqualTo(JobRun.Kind.FAST_LANE);

        // The operator ends it: the folder follows the delay again.
        assertThat(service.parceler().run("repo:release", "base", "--clear-path").outLines())
                .containsExactly("Fast lane of 'base' cleared: feed/security follows the delay again.");
        Eventually.await(Duration.ofSeconds(10), "the lane is cleared", serves(MACHINE, "base v1", "security v1"));
        service.parceler().refuses("Repository 'base' has no fast lane.", "repo:release", "base", "--clear-path");

        // Opened again, it ends by itself once the delay serves a snapshot at least as new.
        service.parceler().clock().advance(Duration.ofMinutes(1));
        worker.fastLane("base", "feed/security", UUID.randomUUID());
        Eventually.await(Duration.ofSeconds(10), "the lane is open again", serves(MACHINE, "base v1", "security v3"));
        service.parceler().clock().advance(Duration.ofDays(9));
        publish("v4");
        worker.sync("base", UUID.randomUUID());
        assertThat(service.parceler().installation().repositoryComponents().repositories().get("base").fastLane()).isEmpty();
        Eventually.await(Duration.ofSeconds(10), "the delay caught up", serves(MACHINE, "base v4", "security v4"));
    }

    @Test
    void aMachineInTheMiddleOfAnUpdateOfTheFeedKeepsItsSnapshotWhenTheLaneOpens() throws Exception {
        String updating = "Authorization: " + basic("machine-2", "lane-secret");
        Eventually.await(Duration.ofSeconds(10), "the delay serves v1", () -> get("security", updating).equals("security v1"));

        worker.fastLane("base", "feed/security", UUID.randomUUID());

        Eventually.await(Duration.ofSeconds(10), "the lane is open", () -> get("security", MACHINE).equals("security v3"));
        assertThat(service.http().get("/repository/enterprise/base/feed/security/fix.ipk", MACHINE).text()).isEqualTo("fix v3");
        assertThat(service.http().get("/repository/enterprise/base/feed/security/fix.ipk", updating).text())
                .as("the package of the index it fetched, within SWITCH_GRACE").isEqualTo("fix v1");
    }

    @Test
    void aFolderTheNewSnapshotLacksOpensNoLane() {
        assertThatThrownBy(() -> worker.fastLane("base", "feed/none", UUID.randomUUID()))
                .hasMessageContaining("has no folder 'feed/none': no fast lane opened");
        assertThat(service.parceler().installation().repositoryComponents().repositories().get("base").fastLane()).isEmpty();
        service.parceler().refuses("The source folder '../x' must be a relative path inside the synced copy, without '.' or '..'.",
                "repo:release", "base", "--path", "../x");
    }
}
