package dev.parceler.reliability;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.Figures;
import dev.parceler.testing.HttpProbe.Answer;
import dev.parceler.testing.MachineLoad;
import dev.parceler.testing.RunningService;
import dev.parceler.testing.SubscriptionStandIn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * The subscription services misbehaving, through the real server: answers of the wrong shape
 * (a proxy's HTML page, garbage, an empty body, JSON without a subscription), and a slow service
 * while machines with a cached answer download.
 */
class SubscriptionFaultsIT {
    static final String COMMUNITY = "/repository/community/base/Packages";
    static final String ENTERPRISE = "/repository/enterprise/base/Packages";
    static final SubscriptionStandIn.Answer HTML = new SubscriptionStandIn.Answer(200, "text/html",
            "<html><body><h1>Down for maintenance</h1></body></html>");
    static final List<SubscriptionStandIn.Answer> WRONG_SHAPES = List.of(HTML,
            new SubscriptionStandIn.Answer(200, "application/json", "\u0000garbage{{"),
            new SubscriptionStandIn.Answer(200, "application/json", ""),
            new SubscriptionStandIn.Answer(200, "application/json", "[1, 2]"),
            // What the enterprise service may answer (any 2xx JSON, or nothing), but no subscription for the community one.
            new SubscriptionStandIn.Answer(200, "application/json", "{\"uuid\":\"x\"}"),
            new SubscriptionStandIn.Answer(200, "application/json", "{\"subscription\":{\"status\":\"active\"}}"));

    @TempDir
    Path home;
    private RunningService service;

    private RunningService start(Map<String, String> environment) {
        service = RunningService.start(home, environment);
        service.parceler().createRepository("base", 7);
        service.parceler().snapshot("base", "2026-11-20T00:00:00+00:00", Map.of("Packages", "index"));
        return service;
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    private Answer get(String target, String user, String secret) {
        return service.http().get(target, "Authorization: " + basic(user, secret));
    }

    /** The Laravel application authorizes an enterprise machine on any 2xx, an empty one too (its own test uses one). */
    @Test
    void anEmptyEnterpriseAnswerAuthorizesAndAPortalPageDoesNot() {
        start(Map.of());
        service.subscriptions().answerWith(new SubscriptionStandIn.Answer(200, "text/plain", ""));
        assertThat(get(ENTERPRISE, "m-ent", "e-secret").status()).isEqualTo(200);
        service.subscriptions().answerWith(HTML);
        Answer portal = get(ENTERPRISE, "m-other", "e-secret");
        assertThat(portal.status()).isEqualTo(503);
        assertThat(portal.header("Retry-After")).isEqualTo("60");
    }

    @Test
    void answersOfTheWrongShapeAreUnavailableInBothRealmsAndNeverCached() {
        start(Map.of()).subscriptions().community("valid", "2027-01-01T00:00:00Z").enterprise("m-ent", "e-secret");
        Figures figures = new Figures("subscription service answers of the wrong shape");
        int machine = 0;
        for (SubscriptionStandIn.Answer wrong : WRONG_SHAPES) {
            service.subscriptions().answerWith(wrong);
            machine++;
            // A secret of its own: the community realm's answers are the secret's, cached for every id it comes with.
            service.subscriptions().community("valid-" + machine, "2027-01-01T00:00:00Z");
            // The enterprise service's 2xx authorizes when it is empty or JSON (as for the Laravel application); only
            // what is visibly not the service (HTML, garbage) is unavailable there.
            boolean enterpriseAccepts = wrong.body().isBlank() || wrong.body().startsWith("{") || wrong.body().startsWith("[");
            Answer intruder = enterpriseAccepts ? null : get(ENTERPRISE, "intruder-" + machine, "not-a-secret");
            Answer community = get(COMMUNITY, "m-" + machine, "valid-" + machine);
            List<Answer> answers = enterpriseAccepts ? List.of(community) : List.of(intruder, community);
            figures.add("requests", answers.size());
            for (Answer answer : answers) {
                assertThat(answer.status()).as("a %s answer", wrong.body()).isEqualTo(503);
                assertThat(answer.header("Retry-After")).isEqualTo("60");
                figures.add("503 with Retry-After", 1);
            }

            service.subscriptions().answerWith(null);
            int callsBefore = service.subscriptions().calls().size();
            Answer intruderAfter = get(ENTERPRISE, "intruder-" + machine, "not-a-secret");
            Answer validAfter = get(COMMUNITY, "m-" + machine, "valid-" + machine);
            figures.add("requests", 2);
            assertThat(intruderAfter.status()).as("refused once the service answers").isIn(401, 403);
            assertThat(validAfter.status()).as("a valid machine is served once the service answers").isEqualTo(200);
            assertThat(service.subscriptions().calls()).as("nothing was cached from the wrong answer").hasSize(callsBefore + 2);
            figures.add("recoveries", 1);
        }
        figures.print();
    }

    /** Cached machines must be answered within 1 s under the flood: not beside a container stack (see MachineLoad). */
    @Test
    void aSlowServiceNeitherSlowsCachedMachinesNorHoldsTheNewOnesWithoutBound() throws Exception {
        try (MachineLoad machine = MachineLoad.timed()) {
            floodOfNewMachinesBesideCachedOnes();
        }
    }

    private void floodOfNewMachinesBesideCachedOnes() throws Exception {
        start(Map.of("AUTH_TIMEOUT", "6")).subscriptions().community("cached", "2027-01-01T00:00:00Z");
        for (int i = 0; i < 4; i++) {
            assertThat(get(COMMUNITY, "cached-" + i, "cached").status()).isEqualTo(200);
        }
        service.subscriptions().delay(4_000);
        int newMachines = 300;
        ExecutorService clients = Executors.newFixedThreadPool(newMachines + 4);
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicLong cachedRequests = new AtomicLong();
        AtomicLong cachedNon200 = new AtomicLong();
        AtomicLong slowestCachedNanos = new AtomicLong();
        try {
            List<Future<?>> cachedLoops = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String user = "cached-" + i;
                cachedLoops.add(clients.submit(() -> {
                    while (flooding.get()) {
                        long start = System.nanoTime();
                        int status = get(COMMUNITY, user, "cached").status();
                        slowestCachedNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                        cachedRequests.incrementAndGet();
                        if (status != 200) {
                            cachedNon200.incrementAndGet();
                        }
                    }
                }));
            }
            List<Future<long[]>> flood = new ArrayList<>();
            for (int i = 0; i < newMachines; i++) {
                String user = "new-" + i;
                flood.add(clients.submit(() -> {
                    long start = System.nanoTime();
                    Answer answer = get(COMMUNITY, user, "unknown-" + user);
                    return new long[] {answer.status(), System.nanoTime() - start,
                            answer.header("Retry-After") == null ? 0 : 1};
                }));
            }
            long fast503 = 0;
            long slow = 0;
            long without = 0;
            for (Future<long[]> answer : flood) {
                long[] result = answer.get(60, TimeUnit.SECONDS);
                if (result[0] == 503 && result[1] < TimeUnit.SECONDS.toNanos(1)) {
                    fast503++;
                } else {
                    slow++;
                }
                if (result[0] == 503 && result[2] == 0) {
                    without++;
                }
            }
            flooding.set(false);
            for (Future<?> loop : cachedLoops) {
                loop.get(30, TimeUnit.SECONDS);
            }
            new Figures("slow subscription service (4 s) and " + newMachines + " new machines at once")
                    .put("new machines", newMachines)
                    .put("new: 503 within 1 s", fast503)
                    .put("new: waited for the service", slow)
                    .put("cached requests", cachedRequests.get())
                    .put("cached non-200", cachedNon200.get())
                    .put("cached slowest (ms)", TimeUnit.NANOSECONDS.toMillis(slowestCachedNanos.get()))
                    .print();
            assertThat(without).as("every 503 says when to retry").isZero();
            assertThat(slow).as("checks waiting for the service at once are bounded").isLessThanOrEqualTo(dev.parceler.auth.AuthComponents.WAITING_CHECKS);
            assertThat(cachedNon200.get()).isZero();
            assertThat(cachedRequests.get()).isPositive();
            assertThat(TimeUnit.NANOSECONDS.toMillis(slowestCachedNanos.get())).as("cached machines at cache speed").isLessThan(1_000);
        } finally {
            flooding.set(false);
            clients.shutdownNow();
        }
    }
}
