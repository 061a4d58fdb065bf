package dev.parceler.snapshot;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.sync.JobRun.Outcome;
import dev.parceler.sync.JobRun;
import dev.parceler.testing.Background;
import dev.parceler.testing.Eventually;
import dev.parceler.testing.OpkgFeed;
import dev.parceler.testing.RunningService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A half-published upstream through a real worker and a real server: never served, retried, served once complete. */
class FeedCheckIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String MACHINE = basic("machine-1", "good-secret");
    private static final String FEED = "/repository/community/base/";

    @TempDir
    Path home;
    private RunningService service;
    private OpkgFeed upstream;

    @BeforeEach
    void start() {
        service = RunningService.start(home, Map.of("APP_TIMEZONE", "UTC"));
        service.subscriptions().community("good-secret", "2027-01-01T00:00:00Z");
        upstream = new OpkgFeed(home.resolve("upstream"));
        upstream.put("base-files", "1.0", "base files").put("luci", "2.0", "luci").publish();
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private List<JobRun> runs() {
        return service.parceler().installation().jobs().runs().recent("base", 50);
    }

    private JobRun awaitRun(Predicate<JobRun> wanted, String what) {
        Eventually.await(PATIENCE, what, () -> runs().stream().anyMatch(wanted));
        return runs().stream().filter(wanted).findFirst().orElseThrow();
    }

    private String served(String file) {
        // The worker is another process on the real clock; the server here follows it.
        service.parceler().clock().set(java.time.Instant.now());
        return service.http().get(FEED + file, "Authorization: " + MACHINE).text();
    }

    @Test
    void aHalfPublishedFeedIsNotServedAndTheRetryServesItOnceComplete() {
        try (Background worker = Background.start(home, Map.of("APP_TIMEZONE", "UTC"), "worker", "worker")) {
            assertThat(service.parceler().run("repo:create", "--name", "base", "--command",
                    "cp -a " + upstream.folder() + "/. \"$PARCELER_SOURCE_DIR\"/", "--source-folder", "", "--delay", "0",
                    "--no-sync").exitCode()).isZero();
            service.parceler().run("repo:sync", "base");
            JobRun first = awaitRun(run -> run.outcome() == Outcome.SUCCEEDED, "the first sync");
            String complete = upstream.index();
            assertThat(served("Packages")).isEqualTo(complete);

            // The upstream's sync got as far as the index and its signature, not the new package.
            upstream.put("luci", "2.1", "luci, newer");
            upstream.writeIndex();
            upstream.writeSignature();
            service.parceler().run("repo:sync", "base");
            JobRun failed = awaitRun(run -> run.outcome() == Outcome.FAILED, "the sync of the half-published feed");

            assertThat(failed.message()).contains("feed check failed, 1 problem: luci_2.1_all.ipk is missing (luci 2.1 in Packages)");
            assertThat(failed.snapshot()).isEmpty();
            assertThat(served("Packages")).as("the previous snapshot stays served").isEqualTo(complete);
            assertThat(service.http().get(FEED + "luci_2.1_all.ipk", "Authorization: " + MACHINE).status()).isEqualTo(404);
            assertThat(service.parceler().run("repo:runs", "base").out()).contains("| failed ", "feed check failed");

            upstream.writePackages();
            JobRun retried = awaitRun(run -> run.outcome() == Outcome.SUCCEEDED && run.id() != first.id(),
                    "the failed sync, tried again by the job library");
            assertThat(retried.jobId()).isEqualTo(failed.jobId());
            assertThat(served("Packages")).isEqualTo(upstream.index());
            assertThat(served("luci_2.1_all.ipk")).isEqualTo("luci, newer");
            assertThat(worker.log()).contains("[base] snapshot not made: feed check failed");
        }
    }

    /**
     * A hostile upstream: a small Packages.gz that expands past FEED_INDEX_MAX_MB (a million
     * stanzas and more), then one endless line. A worker with a small heap fails each run with
     * one line that says why, stays up, and makes the next good snapshot.
     */
    @Test
    void aDecompressionBombOrAnEndlessLineFailsItsRunAndTheWorkerGoesOn() throws Exception {
        Map<String, String> worker = Map.of("APP_TIMEZONE", "UTC", "FEED_INDEX_MAX_MB", "32", "JAVA_TOOL_OPTIONS", "-Xmx96m");
        try (Background running = Background.start(home, worker, "worker", "worker")) {
            assertThat(service.parceler().run("repo:create", "--name", "base", "--command",
                    "rsync -a --delete " + upstream.folder() + "/ \"$PARCELER_SOURCE_DIR\"/", "--source-folder", "", "--delay", "0",
                    "--no-sync").exitCode()).isZero();
            service.parceler().run("repo:sync", "base");
            awaitRun(run -> run.outcome() == Outcome.SUCCEEDED, "the first sync");
            String complete = upstream.index();

            // 96 MiB of stanzas (about 4.8 million) in a file of some 100 KiB.
            java.nio.file.Files.delete(upstream.folder().resolve("Packages"));
            try (var out = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(upstream.folder().resolve("Packages.gz")))) {
                byte[] stanza = "Package: x\nSize: 1\n\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                for (int i = 0; i < 96 * 1024 * 1024 / stanza.length; i++) {
                    out.write(stanza);
                }
            }
            assertThat(java.nio.file.Files.size(upstream.folder().resolve("Packages.gz"))).isLessThan(1024 * 1024);
            upstream.writeSignature();
            service.parceler().run("repo:sync", "base");
            JobRun bomb = awaitRun(run -> run.outcome() == Outcome.FAILED, "the sync of the bomb");
            assertThat(bomb.message().orElse("")).contains("Packages.gz holds more than 32 MiB once decompressed (FEED_INDEX_MAX_MB)")
                    .doesNotContain("\n");
            assertThat(served("Packages")).as("the previous snapshot stays served").isEqualTo(complete);

            java.nio.file.Files.delete(upstream.folder().resolve("Packages.gz"));
            java.nio.file.Files.write(upstream.folder().resolve("Packages"), "A".repeat(4 * 1024 * 1024).getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII));
            upstream.writeSignature();
            service.parceler().run("repo:sync", "base");
            JobRun endless = awaitRun(run -> run.outcome() == Outcome.FAILED && run.id() != bomb.id()
                    && run.message().orElse("").contains("line"), "the sync of the endless line");
            assertThat(endless.message().orElse("")).contains("Packages has a line longer than 1024 KiB: it is not a package index");

            upstream.publish();
            JobRun good = awaitRun(run -> run.outcome() == Outcome.SUCCEEDED && run.startedAt().isAfter(endless.startedAt()),
                    "a good sync after them");
            assertThat(good.snapshot()).isPresent();
            assertThat(served("Packages")).isEqualTo(upstream.index());
            assertThat(running.alive()).as(running.log()).isTrue();
            assertThat(running.log()).doesNotContain("OutOfMemoryError");
        }
    }
}
