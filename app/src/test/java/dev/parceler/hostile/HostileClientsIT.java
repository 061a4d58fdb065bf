package dev.parceler.hostile;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.admin.AdminStore;
import dev.parceler.admin.PasswordHash;
import dev.parceler.testing.Background;
import dev.parceler.testing.Eventually;
import dev.parceler.testing.Figures;
import dev.parceler.testing.HttpProbe;
import dev.parceler.testing.HttpProbe.Answer;
import dev.parceler.testing.NginxServer;
import dev.parceler.testing.SignInForm;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code parceler serve} on its defaults, in a heap of its own, tried as an attacker on
 * the internet would: floods of sign-ins, bursts of guesses, forged log lines, junk in paths, the
 * maintenance secret in every form (mirrored pages, sandboxed, are NginxConformanceIT's). What a user sees is asserted: downloads of machines stay 200,
 * nothing runs out of memory, no line is forged, no secret is logged. Every loop is bounded in
 * count and time, on loopback only; the addresses in X-Forwarded-For are documentation ranges
 * that no packet goes to.
 */
class HostileClientsIT {
    static final String PACKAGES = "/repository/community/base/Packages";
    static final String MACHINE = basic("machine-1", "machine-secret");
    static final String PASSWORD = "a long admin password";
    static final String SECRET = "s3cr3t-bypass-2026";

    @TempDir
    Path home;
    private Background serve;
    private int port;
    private HttpProbe http;

    @BeforeEach
    void install() throws Exception {
        Trees.write(home.resolve("credentials"), "community:machine-1:machine-secret\n");
        try (TestInstallation parceler = TestInstallation.in(home)) {
            parceler.env("APP_TIMEZONE", "UTC");
            parceler.createRepository("base", 0);
            parceler.snapshot("base", "2026-11-20T00:00:00+00:00", Map.of("Packages", "Package: base-files\n"));
            new AdminStore(parceler.installation().database().dataSource(), new PasswordHash(new SecureRandom()), parceler.clock())
                    .create("alice", PASSWORD);
        }
    }

    private void start(Map<String, String> extra) {
        port = NginxServer.freePort();
        Map<String, String> environment = new HashMap<>(Map.of("APP_TIMEZONE", "UTC", "HTTP_HOST", "127.0.0.1",
                "HTTP_PORT", Integer.toString(port), "APP_KEY", "base64:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                "COMMUNITY_AUTH", "file", "AUTH_CREDENTIALS_FILE", home.resolve("credentials").toString(),
                // A small heap: sixty Argon2id checks at once (19 MiB each) would not fit.
                "JAVA_TOOL_OPTIONS", "-Xmx128m"));
        environment.putAll(extra);
        serve = Background.start(home, environment, "serve", "serve");
        Eventually.await(Duration.ofSeconds(60), "serve answers", () -> HttpProbe.up(port));
        http = new HttpProbe(port);
    }

    @AfterEach
    void stop() {
        if (serve != null) {
            serve.close();
        }
    }

    private static String from(int client) {
        return "X-Forwarded-For: 198.51.100." + (client % 250 + 1);
    }

    /** Downloads of a machine in a loop while {@code during} runs: their statuses and times. */
    private record Downloads(List<Integer> statuses, List<Long> millis) {
        long p99() {
            List<Long> sorted = millis.stream().sorted().toList();
            return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1));
        }
    }

    private Downloads downloadingWhile(Runnable during) throws Exception {
        List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Long> millis = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean going = new AtomicBoolean(true);
        Thread machine = new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            for (int i = 0; i < 5_000 && going.get() && System.nanoTime() < deadline; i++) {
                long start = System.nanoTime();
                statuses.add(http.get(PACKAGES, "Authorization: " + MACHINE).status());
                millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }
        });
        machine.start();
        try {
            during.run();
        } finally {
            going.set(false);
            machine.join(TimeUnit.SECONDS.toMillis(130));
        }
        return new Downloads(List.copyOf(statuses), List.copyOf(millis));
    }

    /** Forms fetched first, then every sign-in sent at once. */
    private List<Answer> signInsAtOnce(int count, java.util.function.IntFunction<String> name, String password) {
        ExecutorService clients = Executors.newFixedThreadPool(count);
        try {
            List<SignInForm> forms = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                forms.add(SignInForm.fetch(http, from(i)));
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Answer>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                SignInForm form = forms.get(i);
                String tried = name.apply(i);
                sent.add(clients.submit(() -> {
                    go.await();
                    return form.submit(http, tried, password);
                }));
            }
            go.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> answer : sent) {
                answers.add(answer.get(120, TimeUnit.SECONDS));
            }
            return answers;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            clients.shutdownNow();
        }
    }

    private static Map<Integer, Integer> byStatus(List<Answer> answers) {
        Map<Integer, Integer> counts = new java.util.TreeMap<>();
        answers.forEach(answer -> counts.merge(answer.status(), 1, Integer::sum));
        return counts;
    }

    private long peakResidentKib() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + serve.pid() + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    @Test
    void sixtySignInsAtOnceInventedNamesIncludedAreAnsweredAndDownloadsGoOn() throws Exception {
        start(Map.of());
        List<List<Answer>> waves = new ArrayList<>();
        Downloads downloads = downloadingWhile(() -> waves.add(signInsAtOnce(60, i -> "nobody-" + i, "a wrong password")));
        List<Answer> answers = waves.get(0);

        Figures figures = new Figures("60 parallel sign-ins with invented names, serve in a 128 MiB heap");
        byStatus(answers).forEach((status, count) -> figures.put("answered " + status, count));
        figures.put("downloads during it", downloads.statuses().size()).put("downloads p99 ms", downloads.p99())
                .put("serve peak resident KiB", peakResidentKib());
        figures.print();

        assertThat(byStatus(answers).keySet()).as("wrong names are refused or asked to come back, never a fault").isSubsetOf(401, 503);
        assertThat(answers).filteredOn(answer -> answer.status() == 503).isNotEmpty()
                .allSatisfy(busy -> {
                    assertThat(busy.header("Retry-After")).isEqualTo("1");
                    assertThat(busy.text()).contains("Too many sign-ins at once");
                });
        assertThat(answers).filteredOn(answer -> answer.status() == 401)
                .allSatisfy(wrong -> assertThat(wrong.text()).contains("Wrong name or password."));
        assertThat(downloads.statuses()).as("the machine's downloads meanwhile").isNotEmpty().containsOnly(200);
        assertThat(serve.alive()).as(serve.log()).isTrue();
        assertThat(serve.log()).doesNotContain("OutOfMemoryError");
        assertThat(http.get(PACKAGES, "Authorization: " + MACHINE).status()).isEqualTo(200);
    }

    @Test
    void aParallelBurstOfGuessesAtOneAdminGetsNoMoreChecksThanASerialOne() {
        start(Map.of());
        int checked = 0;
        for (int wave = 0; wave < 3; wave++) {
            List<Answer> answers = signInsAtOnce(15, i -> "alice", "a wrong guess");
            assertThat(byStatus(answers).keySet()).isSubsetOf(401, 429, 503);
            checked += (int) answers.stream().filter(answer -> answer.status() == 401).count();
        }
        assertThat(checked).as("passwords of alice checked in three bursts of 15 (five failures lock the name)").isBetween(1, 5);
        // Once five checks failed, even the right password waits: the lock is the name's, whatever address tries.
        for (int i = 0; i < 5 && checked < 5; i++) {
            Answer serial = SignInForm.fetch(http, from(200 + i)).submit(http, "alice", "guess " + i);
            checked += serial.status() == 401 ? 1 : 0;
        }
        Answer right = SignInForm.fetch(http, from(240)).submit(http, "alice", PASSWORD);
        assertThat(right.status()).isEqualTo(429);
        assertThat(right.header("Retry-After")).isNotNull();
    }

    @Test
    void whatStrangersSendNeverForgesALineNorReachesAStackTrace() throws Exception {
        start(Map.of());
        String forgedId = "machine-1\n2026-12-06T00:00:00.000Z INFO  [main] parceler.access - FORGED LINE";
        String header = "Basic " + Base64.getEncoder().encodeToString((forgedId + ":machine-secret").getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        Answer forged = http.get(PACKAGES, "Authorization: " + header);
        assertThat(forged.status()).as("an id with a line break is no id").isEqualTo(401);
        Answer escaped = http.get("/repository/community/base/x%0aFORGED%0d%0aLINE", "Authorization: " + MACHINE);
        assertThat(escaped.status()).isEqualTo(404);

        List<String> junk = List.of("/repositories/%zz", "/repositories/%c0%ae%c0%ae", "/repositories/%", "/login?next=%zz",
                "/repositories/base/%zz", "/api/status?x=%e2%28");
        for (String target : junk) {
            Answer answer = target.startsWith("/repositories/base/") ? http.post(target) : http.get(target);
            assertThat(answer.status()).as(target).isIn(200, 303, 400, 401, 403, 404);
        }
        assertThat(http.get("/repositories/%zz").status()).as("an escape that does not decode").isEqualTo(400);
        // Signed in, the console's routes read their parameters: junk there is a page of its own, never a fault.
        Answer signedIn = SignInForm.fetch(http).submit(http, "alice", PASSWORD);
        assertThat(signedIn.status()).isEqualTo(303);
        String session = "Cookie: " + signedIn.header("Set-Cookie").replaceAll(";.*$", "");
        for (String target : List.of("/repositories/%ff", "/repositories/%c0%ae%c0%ae", "/repositories/%25zz", "/repositories/a%e2%28b")) {
            assertThat(http.get(target, session).status()).as(target).isIn(400, 404);
        }
        for (String body : List.of("_csrf=%zz&reason=x", "_csrf=abc%", "reason=%e2%28")) {
            Answer posted = http.send("POST", "/repositories/%25zz/sync", body, session, "Content-Type: application/x-www-form-urlencoded");
            assertThat(posted.status()).as(body).isIn(400, 403, 404);
        }

        Eventually.await(Duration.ofSeconds(10), "the access log has the requests", () -> serve.log().contains("x%0aFORGED"));
        String log = serve.log();
        assertThat(log.lines()).noneMatch(line -> line.contains("FORGED LINE") && !line.contains("parceler.access - 127.0.0.1"))
                .noneMatch(line -> line.startsWith("LINE") || line.startsWith("FORGED"));
        assertThat(log).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void theMaintenanceSecretIsNeverLoggedInAnyFormAndItsCookieIsSecureOnHttps() {
        start(Map.of("APP_URL", "https://parceler.example.org"));
        try (TestInstallation parceler = TestInstallation.in(home)) {
            parceler.env("APP_TIMEZONE", "UTC");
            assertThat(parceler.run("down", "--secret", SECRET).exitCode()).isZero();
        }
        Eventually.await(Duration.ofSeconds(10), "serve sees maintenance", () -> http.get(PACKAGES, "Authorization: " + MACHINE).status() == 503);

        Answer visit = http.get("/" + SECRET);
        assertThat(visit.status()).isIn(302, 303);
        String cookie = visit.header("Set-Cookie");
        assertThat(cookie).contains("parceler_maintenance=").contains("Secure").contains("HttpOnly");
        String value = cookie.replaceAll("^parceler_maintenance=([^;]+).*$", "$1");
        assertThat(http.get(PACKAGES, "Authorization: " + MACHINE, "Cookie: parceler_maintenance=" + value).status())
                .as("the cookie lets its holder through").isEqualTo(200);
        // Again with the cookie, with a trailing slash, %-escaped, with a query: each still the secret's address.
        http.get("/" + SECRET, "Cookie: parceler_maintenance=" + value);
        http.get("/" + SECRET + "/");
        http.get("/%73" + SECRET.substring(1));
        http.get("/" + SECRET + "?again=1");
        try (TestInstallation parceler = TestInstallation.in(home)) {
            parceler.env("APP_TIMEZONE", "UTC");
            assertThat(parceler.run("up").exitCode()).isZero();
        }
        Eventually.await(Duration.ofSeconds(10), "serve sees the end of maintenance",
                () -> http.get(PACKAGES, "Authorization: " + MACHINE).status() == 200);
        http.get("/" + SECRET);

        Eventually.await(Duration.ofSeconds(10), "every visit is logged", () -> serve.log().split("<maintenance secret>", -1).length > 6);
        assertThat(serve.log()).doesNotContain(SECRET).doesNotContain(SECRET.substring(1));
    }
}
