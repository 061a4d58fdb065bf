package dev.parceler.download;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.HttpProbe.Answer;
import dev.parceler.testing.RunningService;
import dev.parceler.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from the real server over HTTP, as opkg (wget) and apk ask for them. */
class DownloadIT {
    // The test clock stands at 2026-11-21T12:00:00Z; base has a delay of 7 days.
    static final String SERVED = "2026-11-16T00:00:00+00:00";
    static final String NEWER = "2026-11-20T00:00:00+00:00";
    static final String MACHINE = basic("machine-1", "good-secret");
    static final String PACKAGES = "/repository/community/base/packages/Packages";

    @TempDir
    Path home;
    private RunningService service;

    @BeforeEach
    void start() {
        service = RunningService.start(home, Map.of());
        service.subscriptions().community("good-secret", "2027-01-01T00:00:00Z");
        service.parceler().createRepository("base", 7);
        service.parceler().snapshot("base", SERVED, Map.of("packages/Packages", "index served", "packages/big.ipk", "0123456789"));
        service.parceler().snapshot("base", NEWER, Map.of("packages/Packages", "index newer"));
        Trees.write(service.parceler().storageRoot().resolve("secret.txt"), "outside every snapshot");
        Trees.write(service.parceler().storageRoot().resolve("snapshots/other/" + SERVED + "/private"), "another repository");
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void withoutCredentialsTheAnswerIsABasicChallenge() {
        Answer answer = service.http().get(PACKAGES);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).startsWith("Basic realm=");
    }

    @Test
    void aRefusedSubscriptionIs401AsNethSecurityReadsIt() {
        Answer answer = service.http().get(PACKAGES, "Authorization: " + basic("machine-1", "cancelled-secret"));

        assertThat(answer.status()).as("ns.update shows 401 as unauthorized, 403 as a generic error").isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).startsWith("Basic realm=");
        assertThat(answer.text()).doesNotContain("index");
    }

    @Test
    void theServedSnapshotsFileWithItsHeaders() throws Exception {
        Answer answer = service.http().get(PACKAGES, "Authorization: " + MACHINE);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text()).isEqualTo("index served");
        assertThat(answer.header("Content-Length")).isEqualTo("12");
        assertThat(answer.header("Content-Type")).as("nginx's default type").isEqualTo("application/octet-stream");
        assertThat(answer.header("ETag")).matches("\"[0-9a-f]+-c-[0-9a-f]+\"");
        assertThat(answer.header("Last-Modified")).matches("[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT");
        assertThat(answer.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(answer.header("Content-Encoding")).isNull();
        assertThat(service.http().get("/repository/community/base/packages/big.ipk", "Authorization: " + MACHINE)
                .header("Content-Type")).isEqualTo("application/octet-stream");
    }

    @Test
    void headAnswersTheHeadersWithoutABody() {
        Answer answer = service.http().head(PACKAGES, "Authorization: " + MACHINE);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Length")).isEqualTo("12");
        assertThat(answer.body()).isEmpty();
    }

    @Test
    void conditionalRequestsGet304() {
        Answer first = service.http().get(PACKAGES, "Authorization: " + MACHINE);

        Answer byTag = service.http().get(PACKAGES, "Authorization: " + MACHINE, "If-None-Match: " + first.header("ETag"));
        Answer byDate = service.http().get(PACKAGES, "Authorization: " + MACHINE, "If-Modified-Since: " + first.header("Last-Modified"));
        Answer otherTag = service.http().get(PACKAGES, "Authorization: " + MACHINE, "If-None-Match: \"other\"");
        Answer older = service.http().get(PACKAGES, "Authorization: " + MACHINE, "If-Modified-Since: Thu, 01 Jan 2015 00:00:00 GMT");

        assertThat(byTag.status()).isEqualTo(304);
        assertThat(byTag.body()).isEmpty();
        assertThat(byTag.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(byTag.header("Content-Length")).as("a 304 announces no length").isNull();
        assertThat(byDate.status()).isEqualTo(304);
        assertThat(otherTag.status()).isEqualTo(200);
        assertThat(older.status()).isEqualTo(200);
    }

    @Test
    void aClientWhoseCopyIsNewerThanTheNextServedIndexGetsTheIndex() throws Exception {
        // Published upstream on the 9th and the 16th; the machine fetched the first on the 20th, so its copy is
        // newer than the index served next: "not modified since the 20th" would keep it on the old one for ever.
        Path served = service.parceler().storageRoot().resolve("snapshots/base/" + SERVED + "/packages/Packages");
        Path next = service.parceler().storageRoot().resolve("snapshots/base/" + NEWER + "/packages/Packages");
        Files.setLastModifiedTime(served, java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2026-11-09T06:00:00Z")));
        Files.setLastModifiedTime(next, java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2026-11-16T06:00:00Z")));
        String copyFetchedAt = "Fri, 20 Nov 2026 02:05:00 GMT";
        assertThat(service.http().get(PACKAGES, "Authorization: " + MACHINE, "If-Modified-Since: " + copyFetchedAt).text())
                .isEqualTo("index served");

        service.parceler().run("repo:freeze", "base", NEWER);
        dev.parceler.testing.Eventually.await(Duration.ofSeconds(5), "the freeze reaches downloads",
                () -> service.http().get(PACKAGES, "Authorization: " + MACHINE).text().equals("index newer"));

        Answer refresh = service.http().get(PACKAGES, "Authorization: " + MACHINE, "If-Modified-Since: " + copyFetchedAt);
        assertThat(refresh.status()).isEqualTo(200);
        assertThat(refresh.text()).isEqualTo("index newer");
        assertThat(refresh.header("Last-Modified")).isEqualTo("Mon, 16 Nov 2026 06:00:00 GMT");
        assertThat(service.http().get(PACKAGES, "Authorization: " + MACHINE, "If-Modified-Since: " + refresh.header("Last-Modified"))
                .status()).as("the same date: not modified").isEqualTo(304);
    }

    @Test
    void singleRangesGet206() {
        String big = "/repository/community/base/packages/big.ipk";
        Answer middle = service.http().get(big, "Authorization: " + MACHINE, "Range: bytes=2-5");
        Answer tail = service.http().get(big, "Authorization: " + MACHINE, "Range: bytes=-3");
        Answer open = service.http().get(big, "Authorization: " + MACHINE, "Range: bytes=7-");
        Answer beyond = service.http().get(big, "Authorization: " + MACHINE, "Range: bytes=50-60");
        Answer several = service.http().get(big, "Authorization: " + MACHINE, "Range: bytes=0-1,4-5");
        String etag = service.http().get(big, "Authorization: " + MACHINE).header("ETag");
        Answer stale = service.http().get(big, "Authorization: " + MACHINE, "Range: bytes=2-5", "If-Range: \"stale\"");
        Answer fresh = service.http().get(big, "Authorization: " + MACHINE, "Range: bytes=2-5", "If-Range: " + etag);

        assertThat(middle.status()).isEqualTo(206);
        assertThat(middle.text()).isEqualTo("2345");
        assertThat(middle.header("Content-Range")).isEqualTo("bytes 2-5/10");
        assertThat(middle.header("Content-Length")).isEqualTo("4");
        assertThat(tail.text()).isEqualTo("789");
        assertThat(open.text()).isEqualTo("789");
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(beyond.header("Content-Range")).isEqualTo("bytes */10");
        assertThat(several.status()).as("several ranges: the parts").isEqualTo(206);
        assertThat(several.header("Content-Type")).startsWith("multipart/byteranges; boundary=");
        assertThat(several.text()).contains("Content-Range: bytes 0-1/10\r\n\r\n01\r\n").contains("Content-Range: bytes 4-5/10\r\n\r\n45\r\n");
        assertThat(stale.status()).isEqualTo(200);
        assertThat(fresh.status()).isEqualTo(206);
    }

    @Test
    void withAnXAccelPrefixNginxIsToldWhichFileToSend() {
        service.close();
        service = RunningService.start(home, Map.of("DOWNLOAD_X_ACCEL_PREFIX", "/internal/"));
        service.subscriptions().community("good-secret", "2027-01-01T00:00:00Z");

        Answer answer = service.http().get(PACKAGES, "Authorization: " + MACHINE);
        Answer missing = service.http().get("/repository/community/base/none", "Authorization: " + MACHINE);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("X-Accel-Redirect"))
                .isEqualTo("/internal/snapshots/base/2026-11-16T00%3A00%3A00%2B00%3A00/packages/Packages");
        assertThat(answer.body()).isEmpty();
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("X-Accel-Redirect")).isNull();
    }

    @Test
    void unknownRepositoryIs404EvenBeforeTheSubscriptionIsAsked() {
        Answer answer = service.http().get("/repository/community/missing/Packages", "Authorization: " + MACHINE);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(service.subscriptions().calls()).isEmpty();
    }

    @Test
    void foldersMissingFilesAndOtherRealmsAre404() {
        for (String target : new String[] {"/repository/community/base/packages", "/repository/community/base/packages/",
                "/repository/community/base/none", "/repository/other/base/packages/Packages", "/repository/community/base/"}) {
            assertThat(service.http().get(target, "Authorization: " + MACHINE).status()).as(target).isEqualTo(404);
        }
    }

    @Test
    void aRepositoryWithoutSnapshotsServesNothing() {
        service.parceler().createRepository("empty", 7);

        assertThat(service.http().get("/repository/community/empty/Packages", "Authorization: " + MACHINE).status()).isEqualTo(404);
    }

    @Test
    void theServedSnapshotFollowsNewSnapshotsDeletionsByHandFreezesAndTime() throws Exception {
        assertThat(service.http().get(PACKAGES, "Authorization: " + MACHINE).text()).isEqualTo("index served");

        service.parceler().installation().volume().disk().deleteFolder("snapshots/base/" + SERVED);
        assertThat(service.http().get(PACKAGES, "Authorization: " + MACHINE).text()).as("a folder deleted by hand").isEqualTo("index newer");

        service.parceler().run("repo:freeze", "base", NEWER);
        service.parceler().snapshot("base", "2026-11-19T00:00:00+00:00", Map.of("packages/Packages", "index older"));
        service.parceler().run("repo:unfreeze", "base");
        dev.parceler.testing.Eventually.await(dev.parceler.database.SharedState.NOTICED_WITHIN.multipliedBy(3), "after unfreezing",
                () -> service.http().get(PACKAGES, "Authorization: " + MACHINE).text().equals("index older"));

        service.parceler().clock().advance(Duration.ofDays(7));
        assertThat(service.http().get(PACKAGES, "Authorization: " + MACHINE).text()).as("the window moved on").isEqualTo("index newer");
    }

    @Test
    void theServiceOwnFilesAreNeverServed() throws Exception {
        Path snapshot = service.parceler().storageRoot().resolve("snapshots/base/" + SERVED);
        Trees.write(snapshot.resolve(".parceler-manifest.json.gz"), "manifest");

        assertThat(service.http().get("/repository/community/base/.parceler-manifest.json.gz", "Authorization: " + MACHINE).status())
                .isEqualTo(404);
    }

    @Test
    void linksOutOfTheSnapshotAreNotFollowed() throws Exception {
        Path snapshot = service.parceler().storageRoot().resolve("snapshots/base/" + SERVED);
        Files.createSymbolicLink(snapshot.resolve("escape"), service.parceler().storageRoot().resolve("secret.txt"));
        Files.createSymbolicLink(snapshot.resolve("up"), service.parceler().storageRoot());

        assertThat(service.http().get("/repository/community/base/escape", "Authorization: " + MACHINE).status()).isEqualTo(404);
        assertThat(service.http().get("/repository/community/base/up/secret.txt", "Authorization: " + MACHINE).status()).isEqualTo(404);
    }
}
