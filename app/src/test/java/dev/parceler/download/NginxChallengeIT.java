package dev.parceler.download;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.Eventually;
import dev.parceler.testing.HttpProbe;
import dev.parceler.testing.HttpProbe.Answer;
import dev.parceler.testing.NginxServer;
import dev.parceler.testing.RunningService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's nginx front answers a download without credentials with the Basic challenge
 * itself, the same answer as Parceler's own, so that OpenWrt's wget (which sends credentials only
 * after a 401) costs the app one request per file instead of two. Whether the app saw a request is
 * read from its download counter ({@code /metrics}), which counts every download path it answers.
 */
class NginxChallengeIT {
    static final String TOKEN = "Authorization: Bearer scrape-token";
    static final String MACHINE = "Authorization: " + basic("machine-1", "good-secret");

    @TempDir
    Path home;
    private RunningService app;
    private NginxServer front;
    private HttpProbe direct;
    private HttpProbe nginx;

    @BeforeEach
    void start() {
        app = RunningService.start(home.resolve("parceler"), Map.of("DOWNLOAD_X_ACCEL_PREFIX", "/internal", "METRICS_TOKEN", "scrape-token"));
        app.subscriptions().community("good-secret", "2027-01-01T00:00:00Z");
        app.parceler().createRepository("base", 7);
        app.parceler().snapshot("base", NginxConformanceIT.SNAPSHOT, Map.of("Packages", "Package: base-files\n"));
        front = NginxServer.start(home.resolve("front"), app.port(), app.parceler().storageRoot());
        direct = app.http();
        nginx = new HttpProbe(front.port());
    }

    @AfterEach
    void stop() {
        if (front != null) {
            front.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void nginxChallengesAsParcelerDoesWithoutAskingIt() {
        List<String> targets = List.of("/repository/community/base/Packages", "/repository/enterprise/base/Packages",
                "/repository/community/base/missing", "/repository/community/unknown/Packages", "/repository/community",
                "/repository/enterprise/", "/repository/community/base/Packages?x=1", "/repository/community/../other/Packages");
        for (String method : List.of("GET", "HEAD")) {
            for (String target : targets) {
                Answer parceler = direct.send(method, target, null);
                long seen = downloadsSeen();
                Answer answer = nginx.send(method, target, null);
                String what = method + " " + target;
                assertThat(downloadsSeen()).as(what + ": answered by nginx, the app never saw it").isEqualTo(seen);
                assertThat(parceler.status()).as(what + ": Parceler's own answer").isEqualTo(401);
                assertSameChallenge(what, parceler, answer);
            }
        }

        // An empty Authorization header holds no credentials either.
        Answer parceler = direct.get("/repository/community/base/Packages", "Authorization: ");
        long before = downloadsSeen();
        assertSameChallenge("empty Authorization", parceler, nginx.get("/repository/community/base/Packages", "Authorization: "));
        assertThat(downloadsSeen()).isEqualTo(before);

        // The request that follows, with credentials, is the app's: the counter does count what reaches it.
        long seen = downloadsSeen();
        Answer file = nginx.get("/repository/community/base/Packages", MACHINE);
        assertThat(file.status()).as(front.errorLog()).isEqualTo(200);
        assertThat(file.text()).isEqualTo("Package: base-files\n");
        assertThat(downloadsSeen()).isEqualTo(seen + 1);
    }

    @Test
    void whatNginxCannotDecideCheaplyStaysTheApps() {
        // A malformed Authorization header: the app reads it and challenges.
        for (String header : List.of("Authorization: Bearer something", "Authorization: Basic !!!")) {
            long seen = downloadsSeen();
            Answer answer = nginx.get("/repository/community/base/Packages", header);
            assertThat(downloadsSeen()).as(header + ": the app's to answer").isEqualTo(seen + 1);
            assertSameChallenge(header, direct.get("/repository/community/base/Packages", header), answer);
        }
        // Another realm's path as sent is not a download, whatever nginx's normalised path says: 404 as the app answers.
        for (String target : List.of("/repository/other/base/Packages", "/repository/other/../community/base/Packages",
                "/repository/Community/base/Packages", "/repository/communityx/base/Packages", "//repository/community/base/Packages")) {
            Answer parceler = direct.get(target);
            Answer answer = nginx.get(target);
            assertThat(answer.status()).as(target).isEqualTo(parceler.status());
            assertThat(answer.text()).as(target).isEqualTo(parceler.text());
            assertThat(answer.header("WWW-Authenticate")).as(target).isEqualTo(parceler.header("WWW-Authenticate"));
        }
        // An encoded realm is the app's (nginx matches the target as sent), which challenges as well.
        assertSameChallenge("encoded realm", direct.get("/repository/%63ommunity/base/Packages"),
                nginx.get("/repository/%63ommunity/base/Packages"));
        // Other methods are never challenged by nginx.
        Answer post = nginx.post("/repository/community/base/Packages");
        assertThat(post.status()).isEqualTo(direct.post("/repository/community/base/Packages").status()).isNotEqualTo(401);
    }

    /**
     * Maintenance is in the database, which nginx cannot see: a machine without credentials gets
     * the challenge, then with them the app's 503 and its Retry-After, which is what wget shows.
     */
    @Test
    void inMaintenanceTheChallengeComesFirstThenTheAppsAnswer() {
        app.parceler().installation().maintenance().down(Optional.of(30), Optional.empty());
        Eventually.await(Duration.ofSeconds(10), "the app is in maintenance",
                () -> direct.get("/repository/community/base/Packages", MACHINE).status() == 503);

        assertThat(direct.get("/repository/community/base/Packages").status()).as("the app alone answers 503 first").isEqualTo(503);
        // The app would answer 503 (and /metrics is in maintenance too): this 401 is nginx's.
        Answer challenge = nginx.get("/repository/community/base/Packages");
        assertThat(challenge.status()).isEqualTo(401);
        assertThat(challenge.header("WWW-Authenticate")).isEqualTo("Basic realm=\"Parceler\", charset=\"UTF-8\"");
        Answer unavailable = nginx.get("/repository/community/base/Packages", MACHINE);
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.header("Retry-After")).isEqualTo("30");
    }

    /** What a client reads of a 401: status, the challenge, type, length and body (none for HEAD). */
    private static void assertSameChallenge(String what, Answer parceler, Answer nginx) {
        assertThat(nginx.status()).as(what + ": status").isEqualTo(parceler.status()).isEqualTo(401);
        for (String header : List.of("WWW-Authenticate", "Content-Type", "Content-Length", "Retry-After")) {
            assertThat(nginx.header(header)).as(what + ": " + header).isEqualTo(parceler.header(header));
        }
        assertThat(nginx.body()).as(what + ": body").isEqualTo(parceler.body());
    }

    /** Download requests the app answered, every realm and status, from its own counter (read directly, not through nginx). */
    private long downloadsSeen() {
        Answer scrape = direct.get("/metrics", TOKEN);
        assertThat(scrape.status()).isEqualTo(200);
        return Math.round(scrape.text().lines().filter(line -> line.startsWith("parceler_downloads_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum());
    }
}
