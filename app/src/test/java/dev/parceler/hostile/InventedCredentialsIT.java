package dev.parceler.hostile;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.Figures;
import dev.parceler.testing.HttpProbe.Answer;
import dev.parceler.testing.RunningService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strangers with invented credentials, and a subscribed machine inventing folders and ids, against
 * the real server and a subscription service that takes its time: machines with a cached answer
 * keep cache speed, one client cannot take every waiting slot, and nothing they send adds rows
 * without bound.
 */
class InventedCredentialsIT {
    static final String FEED = "/repository/community/base/";
    static final String SECRET = "valid-community-secret";

    @TempDir
    Path home;
    private RunningService service;

    private RunningService start(Map<String, String> environment) {
        service = RunningService.start(home, environment);
        service.subscriptions().community(SECRET, "2027-01-01T00:00:00Z");
        service.parceler().createRepository("base", 7);
        service.parceler().snapshot("base", "2026-11-20T00:00:00+00:00", Map.of("Packages", "index",
                "packages/x86_64/base/Packages", "base index", "luci_1.0_all.ipk", "luci"));
        return service;
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    private Answer get(String target, String id, String secret, String client) {
        return service.http().get(target, "Authorization: " + basic(id, secret), "X-Forwarded-For: " + client);
    }

    @Test
    void machinesCachedInTheDatabaseAreServedWhileStrangersFillEveryWaitingSlot() throws Exception {
        start(Map.of("AUTH_TIMEOUT", "6"));
        int cached = 8;
        for (int i = 0; i < cached; i++) {
            service.subscriptions().community("cached-secret-" + i, "2027-01-01T00:00:00Z");
            assertThat(get(FEED + "Packages", "cached-" + i, "cached-secret-" + i, "192.0.2.1").status()).isEqualTo(200);
        }
        // Past this process's own memory of them: their answers now come from the database cache.
        service.parceler().clock().advance(Duration.ofSeconds(31));
        service.subscriptions().delay(3_000);
        int strangers = 160;
        int fromOneClient = 40;
        ExecutorService clients = Executors.newFixedThreadPool(strangers + fromOneClient + cached);
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicLong cachedAnswers = new AtomicLong();
        AtomicLong cachedRefused = new AtomicLong();
        AtomicLong slowestCached = new AtomicLong();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> flood = new ArrayList<>();
            for (int i = 0; i < strangers + fromOneClient; i++) {
                String client = i < strangers ? "198.51.100." + (i % 250 + 1) + "" : "203.0.113.7";
                String id = "stranger-" + i;
                flood.add(clients.submit(() -> {
                    go.await();
                    return get(FEED + "Packages", id, "invented-" + id, client).status();
                }));
            }
            List<Future<?>> loops = new ArrayList<>();
            for (int i = 0; i < cached; i++) {
                String id = "cached-" + i;
                String secret = "cached-secret-" + i;
                loops.add(clients.submit(() -> {
                    go.await();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    for (int n = 0; n < 2_000 && flooding.get() && System.nanoTime() < deadline; n++) {
                        long start = System.nanoTime();
                        int status = get(FEED + "Packages", id, secret, "192.0.2.1").status();
                        slowestCached.accumulateAndGet(System.nanoTime() - start, Math::max);
                        cachedAnswers.incrementAndGet();
                        if (status != 200) {
                            cachedRefused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            Map<Integer, Integer> strangersAnswered = new TreeMap<>();
            for (Future<Integer> answer : flood) {
                strangersAnswered.merge(answer.get(60, TimeUnit.SECONDS), 1, Integer::sum);
            }
            flooding.set(false);
            for (Future<?> loop : loops) {
                loop.get(60, TimeUnit.SECONDS);
            }
            long askedForOneClient = service.subscriptions().calls().stream()
                    .filter(call -> call.matches("community invented-stranger-(\\d+)")
                            && Integer.parseInt(call.replaceAll("\\D", "")) >= strangers).count();
            Figures figures = new Figures("slow service (3 s), " + cached + " machines cached in the database, "
                    + (strangers + fromOneClient) + " strangers at once");
            strangersAnswered.forEach((status, count) -> figures.put("strangers answered " + status, count));
            figures.put("service asked for the one client's 40", askedForOneClient)
                    .put("cached requests", cachedAnswers.get()).put("cached not 200", cachedRefused.get())
                    .put("cached slowest ms", TimeUnit.NANOSECONDS.toMillis(slowestCached.get())).print();

            assertThat(cachedRefused.get()).as("machines with a valid cached answer refused during the flood").isZero();
            assertThat(cachedAnswers.get()).isPositive();
            // Never behind the service: each stranger's check takes 3 s; a cached machine's answer never waits for one.
            assertThat(TimeUnit.NANOSECONDS.toMillis(slowestCached.get())).as("cached machines never wait for the slow service")
                    .isLessThan(3_000);
            assertThat(strangersAnswered.keySet()).isSubsetOf(401, 503);
        } finally {
            flooding.set(false);
            clients.shutdownNow();
        }
    }

    @Test
    void oneClientCannotTakeEveryWaitingSlot() throws Exception {
        start(Map.of("AUTH_TIMEOUT", "6"));
        service.subscriptions().delay(2_000);
        int burst = 40;
        ExecutorService clients = Executors.newFixedThreadPool(burst);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Answer>> sent = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                String id = "stranger-" + i;
                sent.add(clients.submit(() -> {
                    go.await();
                    return get(FEED + "Packages", id, "invented-" + id, "203.0.113.7");
                }));
            }
            go.countDown();
            int unavailable = 0;
            for (Future<Answer> answer : sent) {
                Answer got = answer.get(60, TimeUnit.SECONDS);
                if (got.status() == 503) {
                    assertThat(got.header("Retry-After")).isNotNull();
                    unavailable++;
                } else {
                    assertThat(got.status()).isEqualTo(401);
                }
            }
            int asked = service.subscriptions().calls().size();
            new Figures(burst + " invented machines at once from one client, slow service (2 s)")
                    .put("asked the service", asked).put("503 with Retry-After", unavailable).print();
            assertThat(asked).as("checks of one client waiting for the service at once (AUTH_NEW_PER_ADDRESS)").isBetween(1, 4);
            assertThat(unavailable).isEqualTo(burst - asked);
        } finally {
            clients.shutdownNow();
        }
    }

    private Map<String, Integer> rows() {
        Map<String, Integer> counts = new TreeMap<>();
        for (String row : service.parceler().databaseContent()) {
            String table = row.substring(0, row.indexOf(':'));
            if (List.of("snapshot_pins", "machine_sightings", "authorization_cache", "authorization_claims").contains(table)) {
                counts.merge(table, 1, Integer::sum);
            }
        }
        return counts;
    }

    @Test
    void aSubscribedMachineInventingFoldersAndIdsAddsNoRows() {
        start(Map.of());
        assertThat(get(FEED + "Packages", "machine-1", SECRET, "192.0.2.1").status()).isEqualTo(200);
        assertThat(get(FEED + "packages/x86_64/base/Packages", "machine-1", SECRET, "192.0.2.1").status()).isEqualTo(200);
        Map<String, Integer> before = rows();
        int callsBefore = service.subscriptions().calls().size();

        for (int i = 0; i < 150; i++) {
            assertThat(get(FEED + "invented-" + i + "/Packages", "machine-1", SECRET, "192.0.2.1").status()).isEqualTo(404);
        }
        for (int i = 0; i < 150; i++) {
            assertThat(get(FEED + "Packages", "invented-id-" + i, SECRET, "192.0.2.1").status()).isEqualTo(200);
        }
        Map<String, Integer> after = rows();
        new Figures("300 requests of one subscribed community machine: invented folders, then invented ids")
                .put("rows before", before.values().stream().mapToInt(Integer::intValue).sum())
                .put("rows after", after.values().stream().mapToInt(Integer::intValue).sum())
                .put("service calls", service.subscriptions().calls().size() - callsBefore).print();
        assertThat(after).as("rows per table").isEqualTo(before);
        assertThat(service.subscriptions().calls()).as("the secret's answer serves every id it is sent with").hasSize(callsBefore);

        String fleet = service.parceler().run("repo:fleet", "base").out();
        assertThat(fleet).contains("1 machines seen").contains("1 of them by a system id their realm does not verify");
    }

    @Test
    void aCommunitySecretWithAStaffIdReadsNothingAsItWas() {
        start(Map.of("STAFF_MACHINES", "staff-1"));
        service.subscriptions().enterprise("staff-1", "enterprise-secret");
        Answer community = get(FEED + "@2026-11-21T00:00:00Z/Packages", "staff-1", SECRET, "192.0.2.1");
        assertThat(community.status()).as("the community service vouches for the secret, not the id").isEqualTo(403);
        Answer enterprise = get("/repository/enterprise/base/@2026-11-21T00:00:00Z/Packages", "staff-1", "enterprise-secret", "192.0.2.1");
        assertThat(enterprise.status()).isEqualTo(200);
        assertThat(enterprise.text()).isEqualTo("index");
    }
}
