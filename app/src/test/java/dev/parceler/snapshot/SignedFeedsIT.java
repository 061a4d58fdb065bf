package dev.parceler.snapshot;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.sync.JobRun.Outcome;
import dev.parceler.sync.JobRun;
import dev.parceler.testing.AptArchive;
import dev.parceler.testing.AptClient;
import dev.parceler.testing.Background;
import dev.parceler.testing.Eventually;
import dev.parceler.testing.OpkgFeed;
import dev.parceler.testing.RunningService;
import dev.parceler.testing.SigningKeys;
import dev.parceler.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed upstreams through a real worker and a real server, read by real clients: Debian's apt
 * (dists and flat layouts, signature checking on) and opkg-format feeds signed with usign keys.
 * A feed not signed by the repository's trusted keys is never served: the run fails naming the
 * file and the key, and machines keep the last good feed.
 */
class SignedFeedsIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path home;
    private RunningService service;
    private Background worker;
    private SigningKeys.OpenPgp archive;
    private SigningKeys.OpenPgp attacker;

    @BeforeEach
    void start() {
        archive = SigningKeys.openPgp(home.resolve("keys"), "archive");
        attacker = SigningKeys.openPgp(home.resolve("keys"), "attacker");
        service = RunningService.start(home, Map.of("APP_TIMEZONE", "UTC", "SWITCH_GRACE", "0"));
        service.subscriptions().community("good-secret", "2027-01-01T00:00:00Z");
        worker = Background.start(home, Map.of("APP_TIMEZONE", "UTC", "SWITCH_GRACE", "0"), "worker", "worker");
    }

    @AfterEach
    void stop() {
        worker.close();
        service.close();
        archive.close();
        attacker.close();
    }

    private List<JobRun> runs(String name) {
        return service.parceler().installation().jobs().runs().recent(name, 50);
    }

    /** Syncs {@code name} and waits for the run after {@code before} runs; the server then follows the worker's clock. */
    private JobRun sync(String name) {
        int before = runs(name).size();
        service.parceler().run("repo:sync", name);
        Predicate<List<JobRun>> done = all -> all.size() > before && all.get(0).outcome() != Outcome.RUNNING;
        Eventually.await(PATIENCE, "the sync of " + name, () -> done.test(runs(name)));
        service.parceler().clock().set(java.time.Instant.now());
        return runs(name).get(0);
    }

    private void create(String name, Path upstream, Path key) {
        assertThat(service.parceler().run("repo:create", "--name", name, "--command",
                "rsync -a --delete " + upstream + "/ \"$PARCELER_SOURCE_DIR\"/", "--source-folder", "", "--delay", "0",
                "--trusted-key", key.toString(), "--no-sync").exitCode()).isZero();
    }

    private AptClient apt(String repository, String suite, String components) {
        AptClient apt = new AptClient(home.resolve("apt-" + repository));
        apt.source("http://127.0.0.1:" + service.port() + "/repository/community/" + repository, suite, components, archive.publicKey(),
                "machine-1", "good-secret");
        return apt;
    }

    @Test
    void aptUpdatesAndDownloadsFromASignedDistsRepositoryAndNeverSeesATamperedOne() throws Exception {
        Path upstream = home.resolve("upstream");
        AptArchive.deb(upstream.resolve("pool/main/h"), "hello", "1.0");
        AptArchive.dists(upstream, archive);
        create("debian", upstream, archive.publicKey());
        JobRun first = sync("debian");
        assertThat(first.outcome()).as(first.toString()).isEqualTo(Outcome.SUCCEEDED);

        AptClient apt = apt("debian", "stable", "main");
        AptClient.Run update = apt.update();
        assertThat(update.exitCode()).as(update.output()).isZero();
        assertThat(update.output()).doesNotContain("NO_PUBKEY", "not signed", "W:", "E:");
        assertThat(apt.candidate("hello")).isEqualTo("1.0");
        AptClient.Run download = apt.download("hello");
        assertThat(download.exitCode()).as(download.output()).isZero();
        assertThat(Files.readAllBytes(apt.downloads().resolve("hello_1.0_all.deb")))
                .isEqualTo(Files.readAllBytes(upstream.resolve("pool/main/h/hello_1.0_all.deb")));

        // A tampered upstream: a new package, its indexes and Release rewritten and signed again, by another key.
        AptArchive.deb(upstream.resolve("pool/main/h"), "hello", "6.6.6");
        AptArchive.dists(upstream, attacker);
        JobRun refused = sync("debian");
        assertThat(refused.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(refused.message()).hasValueSatisfying(message -> assertThat(message)
                .contains("dists/stable/InRelease is signed by key ", ", which is not trusted (trusted: " + archive.fingerprint() + ")"));
        assertThat(service.parceler().run("repo:runs", "debian").out()).contains("which is not trusted");
        assertThat(apt.update().exitCode()).isZero();
        assertThat(apt.candidate("hello")).as("machines keep the last good feed").isEqualTo("1.0");

        // The publisher's own next release.
        AptArchive.dists(upstream, archive);
        assertThat(sync("debian").outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(apt.update().exitCode()).isZero();
        assertThat(apt.candidate("hello")).isEqualTo("6.6.6");

        // A freeze back to the first snapshot: its Release is older than the one apt has, and apt keeps the newer one
        // (the README says so, and what to do): a machine that updated keeps 6.6.6 until it takes its lists afresh.
        assertThat(service.parceler().run("repo:freeze", "debian", first.snapshot().orElseThrow()).exitCode()).isZero();
        AptClient.Run afterFreeze = apt.update();
        assertThat(afterFreeze.exitCode()).as(afterFreeze.output()).isZero();
        assertThat(apt.candidate("hello")).as("apt does not take a Release older than its own").isEqualTo("6.6.6");
        apt.forgetLists();
        assertThat(apt.update().exitCode()).isZero();
        assertThat(apt.candidate("hello")).as("lists taken afresh: the frozen feed").isEqualTo("1.0");
    }

    @Test
    void aptReadsTheFlatLayoutThroughItsDotSegments() {
        Path upstream = home.resolve("flat");
        AptArchive.deb(upstream, "hello", "1.0");
        AptArchive.flat(upstream, archive);
        create("flat", upstream, archive.publicKey());
        assertThat(sync("flat").outcome()).isEqualTo(Outcome.SUCCEEDED);

        AptClient apt = apt("flat", "./", "");
        AptClient.Run update = apt.update();
        assertThat(update.exitCode()).as(update.output()).isZero();
        assertThat(update.output()).contains("/repository/community/flat ./ InRelease").doesNotContain("W:", "E:");
        assertThat(apt.candidate("hello")).isEqualTo("1.0");
        AptClient.Run download = apt.download("hello");
        assertThat(download.exitCode()).as(download.output()).isZero();
        assertThat(apt.downloads().resolve("hello_1.0_all.deb")).exists();
    }

    @Test
    void anOpkgFeedWhoseIndexWasChangedAfterSigningIsNeverServed() throws Exception {
        SigningKeys.Usign publisher = SigningKeys.usign(home.resolve("keys"), "publisher");
        OpkgFeed upstream = new OpkgFeed(home.resolve("opkg"));
        upstream.put("base-files", "1.0", "base files").publish();
        publisher.sign(upstream.folder().resolve("Packages"), upstream.folder().resolve("Packages.sig"));
        create("base", upstream.folder(), home.resolve("keys/publisher.pub"));
        assertThat(sync("base").outcome()).isEqualTo(Outcome.SUCCEEDED);
        String good = service.http().get("/repository/community/base/Packages", "Authorization: " + basic("machine-1", "good-secret")).text();

        // Changed after signing: sizes and hashes consistent, the signature left as it was and newer than the index.
        upstream.put("base-files", "6.6.6", "evil").publish();
        Path signature = upstream.folder().resolve("Packages.sig");
        Files.delete(signature);
        publisher.sign(Trees.write(home.resolve("earlier-index"), good), signature);
        JobRun refused = sync("base");
        assertThat(refused.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(refused.message()).hasValueSatisfying(message -> assertThat(message).contains("Packages.sig does not verify Packages"
                + " with key " + publisher.id() + ": the index is not the one that key signed"));
        assertThat(service.http().get("/repository/community/base/Packages", "Authorization: " + basic("machine-1", "good-secret")).text())
                .as("machines keep the last good feed").isEqualTo(good);
    }
}
