package dev.parceler.rollout;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.repository.RingAssignment;
import dev.parceler.testing.Background;
import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.Eventually;
import dev.parceler.testing.HttpProbe;
import dev.parceler.testing.NginxServer;
import dev.parceler.testing.RunningService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A staged rollout through the real server: machines of different rings get different snapshots
 * of one repository, each machine keeps its ring across restarts and app processes, a halt keeps
 * every ring where it is, a freeze halts every ring, and repo:fleet counts what each machine got.
 */
class RolloutIT {
    static final DateTimeFormatter ATOM = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);
    static final String INDEX = "/repository/enterprise/base/feed/Packages";
    static final Map<String, String> SETTINGS = Map.of("APP_TIMEZONE", "UTC", "STAFF_MACHINES", "staff-1, staff-2",
            "REPOSITORY_RELEASE_TOKEN", "release-secret");

    @TempDir
    Path home;
    private RunningService service;
    private Instant now;
    /** Snapshot names by age in days. */
    private final Map<Integer, String> snapshots = new HashMap<>();

    @BeforeEach
    void start() {
        service = RunningService.start(home, SETTINGS);
        service.subscriptions().enterpriseAnyId("ring-secret");
        // The real clock, so that a serve process started from the jar sees the same ages.
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        service.parceler().clock().set(now);
        service.parceler().createRepository("base", 8);
        for (int age : new int[] {10, 6, 3, 1}) {
            String name = ATOM.format(now.minus(Duration.ofDays(age)));
            snapshots.put(age, name);
            service.parceler().snapshot("base", name, Map.of("feed/Packages", "index of " + name));
        }
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private static String machine(String systemId) {
        return "Authorization: " + basic(systemId, "ring-secret");
    }

    private String served(HttpProbe http, String systemId) {
        HttpProbe.Answer answer = http.get(INDEX, machine(systemId));
        assertThat(answer.status()).as(systemId).isEqualTo(200);
        return answer.text().substring("index of ".length());
    }

    /** A system id whose hash bucket is below (or at or above) 50. */
    private static String machineInBucket(boolean low, int skip) {
        return IntStream.range(0, 10_000).mapToObj(i -> "machine-" + i)
                .filter(id -> (RingAssignment.bucket(id) < 50) == low)
                .skip(skip).findFirst().orElseThrow();
    }

    private void run(String... command) {
        ConsoleResult result = service.parceler().run(command);
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    @Test
    void machinesOfDifferentRingsGetDifferentSnapshotsOfOneRepository() throws Exception {
        String early = "early-access-1";
        String half = machineInBucket(true, 0);
        String rest = machineInBucket(false, 0);
        run("repo:ring:add", "base", "early", "--delay", "0", "--machines", early);
        run("repo:ring:add", "base", "half", "--delay", "4", "--percent", "50");

        Eventually.await(Duration.ofSeconds(10), "the rings are in force", () -> served(service.http(), early).equals(snapshots.get(1)));
        assertThat(served(service.http(), half)).as("half: the oldest within 4 days").isEqualTo(snapshots.get(3));
        assertThat(served(service.http(), rest)).as("no ring: the repository's 8 days").isEqualTo(snapshots.get(6));
        assertThat(service.parceler().run("repo:ring:list", "base").out())
                .contains("early", "half", snapshots.get(1), snapshots.get(3), early);
        assertThat(service.parceler().run("repo:list", "--json").out()).contains("\"name\" : \"half\"", "\"percent\" : 50");

        // Another app process, started from the jar: the same machine, the same ring, the same snapshot.
        int port = NginxServer.freePort();
        Map<String, String> environment = new HashMap<>(service.parceler().environment());
        environment.put("HTTP_PORT", Integer.toString(port));
        try (Background other = Background.start(home, environment, "serve-2", "serve")) {
            Eventually.await(Duration.ofSeconds(60), "the second serve answers", () -> HttpProbe.up(port));
            HttpProbe second = new HttpProbe(port);
            for (String id : List.of(early, half, rest, machineInBucket(true, 1), machineInBucket(false, 1))) {
                assertThat(served(second, id)).as(id + " through the second process").isEqualTo(served(service.http(), id));
            }
        }

        // A restart of the service keeps every machine in its ring.
        service.close();
        service = RunningService.start(home, SETTINGS);
        service.subscriptions().enterpriseAnyId("ring-secret");
        service.parceler().clock().set(now);
        assertThat(served(service.http(), early)).isEqualTo(snapshots.get(1));
        assertThat(served(service.http(), half)).isEqualTo(snapshots.get(3));
        assertThat(served(service.http(), rest)).isEqualTo(snapshots.get(6));

        // What each machine got, by snapshot and ring.
        String fleet = service.parceler().run("repo:fleet", "base", "--json").out();
        assertThat(fleet).contains("\"" + snapshots.get(1) + "\" : 1", "\"" + snapshots.get(6) + "\" : ", "\"early\" : 1",
                "\"(repository delay)\" : ", "\"unseen\" : [ ]");
        // A week and a day later, machines that fetched nothing since are listed as unseen.
        service.parceler().clock().advance(Duration.ofDays(8));
        served(service.http(), half);
        String unseen = service.parceler().run("repo:fleet", "base", "--unseen-days", "7").out();
        assertThat(unseen).contains("not seen for 7 days:", early).doesNotContain("| " + half + " ");
    }

    @Test
    void aHaltKeepsEveryRingWhereItIsUntilResumedAndAFreezeHaltsEveryRing() {
        String half = machineInBucket(true, 0);
        String rest = machineInBucket(false, 0);
        run("repo:ring:add", "base", "half", "--delay", "4", "--percent", "50");
        Eventually.await(Duration.ofSeconds(10), "the ring is in force", () -> served(service.http(), half).equals(snapshots.get(3)));
        assertThat(served(service.http(), rest)).isEqualTo(snapshots.get(6));

        run("repo:halt", "base");
        assertThat(service.parceler().run("repo:list").out()).contains("(halted)");
        // Three days on, both windows would have moved.
        service.parceler().clock().advance(Duration.ofDays(3));
        Eventually.await(Duration.ofSeconds(10), "the halt is in force", () -> served(service.http(), half).equals(snapshots.get(3)));
        assertThat(served(service.http(), rest)).isEqualTo(snapshots.get(6));
        assertThat(service.parceler().refuses("The rollout of 'base' is halted already.", "repo:halt", "base").exitCode()).isNotZero();

        run("repo:resume", "base");
        Eventually.await(Duration.ofSeconds(10), "the rollout moves on",
                () -> served(service.http(), half).equals(snapshots.get(1)) && served(service.http(), rest).equals(snapshots.get(3)));

        run("repo:freeze", "base", snapshots.get(10));
        Eventually.await(Duration.ofSeconds(10), "the freeze holds every ring",
                () -> served(service.http(), half).equals(snapshots.get(10)) && served(service.http(), rest).equals(snapshots.get(10)));
    }

    @Test
    void staffReadARepositoryAsItWasAndOrdinaryMachinesMayNot() {
        String sixDaysAgoPlusAnHour = ATOM.format(now.minus(Duration.ofDays(6)).plus(Duration.ofHours(1)));
        String asItWas = "/repository/enterprise/base/@" + sixDaysAgoPlusAnHour + "/feed/Packages";

        HttpProbe.Answer staff = service.http().get(asItWas, machine("staff-2"));
        assertThat(staff.status()).isEqualTo(200);
        assertThat(staff.text()).isEqualTo("index of " + snapshots.get(6));
        assertThat(staff.header("X-Parceler-Snapshot")).isEqualTo(snapshots.get(6));
        HttpProbe.Answer token = service.http().get(asItWas, "Authorization: Bearer release-secret");
        assertThat(token.text()).isEqualTo("index of " + snapshots.get(6));
        // An offset, escaped as a client may send it.
        String withOffset = java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME
                .format(now.minus(Duration.ofDays(2)).atOffset(ZoneOffset.ofHours(2)));
        assertThat(service.http().get("/repository/enterprise/base/%40" + withOffset.replace("+", "%2B") + "/feed/Packages",
                machine("staff-1")).text()).isEqualTo("index of " + snapshots.get(3));

        HttpProbe.Answer ordinary = service.http().get(asItWas, machine("machine-1"));
        assertThat(ordinary.status()).isEqualTo(403);
        assertThat(ordinary.text()).contains("for staff machines");
        assertThat(service.http().get(asItWas, "Authorization: Bearer wrong").status()).isEqualTo(401);
        assertThat(service.http().get(asItWas).status()).isEqualTo(401);
        assertThat(service.http().get(asItWas, "Authorization: " + basic("staff-1", "not-subscribed")).status()).isEqualTo(401);
        HttpProbe.Answer badTime = service.http().get("/repository/enterprise/base/@yesterday/feed/Packages", machine("staff-1"));
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.text()).contains("'@yesterday' is not an ISO 8601 time");
        assertThat(service.http().get("/repository/enterprise/base/@2001-01-01T00:00:00Z/feed/Packages", machine("staff-1")).status())
                .as("before any snapshot").isEqualTo(404);
        assertThat(service.http().get("/repository/enterprise/base/@" + sixDaysAgoPlusAnHour + "/feed/none", machine("staff-1")).status())
                .isEqualTo(404);
    }
}
