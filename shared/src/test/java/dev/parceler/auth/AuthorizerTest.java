package dev.parceler.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.Eventually;
import dev.parceler.testing.SubscriptionStandIn;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.TestInstallations;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The authorization cache and the claims of subscription checks are shared by every app process:
 * they meet in the database. Each {@link Authorizer} here is what one app process builds (its own
 * service client, memory and in-process single flight); they share only the database. The same
 * contract runs on SQLite here and on PostgreSQL in {@link AuthorizerPostgresIT}.
 */
@ExtendWith(TestInstallations.class)
class AuthorizerTest {
    private static final Duration AUTH_TIMEOUT = Duration.ofSeconds(2);
    private static final MachineCredentials M1 = new MachineCredentials("m1", "s1-secret-of-m1");

    private TestInstallation parceler;
    private SubscriptionStandIn subscriptions;
    private ExecutorService requests;

    @BeforeEach
    void start(TestInstallation parceler) {
        this.parceler = parceler;
        subscriptions = new SubscriptionStandIn().community(M1.secret(), "2027-01-01T00:00:00Z");
        requests = Executors.newFixedThreadPool(24);
    }

    @AfterEach
    void stop() {
        requests.shutdownNow();
        subscriptions.close();
    }

    private Authorizer appProcess() {
        return appProcess(AUTH_TIMEOUT);
    }

    private Authorizer appProcess(Duration authTimeout) {
        return appProcess(authTimeout, Duration.ofMinutes(5));
    }

    private Authorizer appProcess(Duration authTimeout, Duration refusalTtl) {
        SubscriptionService service = new SubscriptionService(HttpClient.newHttpClient(), subscriptions.communityEndpoint(),
                subscriptions.enterpriseEndpoint(), authTimeout, parceler.clock());
        return new Authorizer(service, parceler.installation().auth().cache(), parceler.installation().auth().claims(),
                refusalTtl, authTimeout, 32, parceler.clock());
    }

    /** {@code perProcess} requests of one machine sent at once to each process; their verdicts. */
    private List<Verdict> burst(List<Authorizer> processes, int perProcess, MachineCredentials credentials) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Verdict>> sent = new ArrayList<>();
        for (Authorizer process : processes) {
            for (int i = 0; i < perProcess; i++) {
                sent.add(requests.submit(() -> {
                    go.await();
                    return process.authorize(Realm.COMMUNITY, credentials);
                }));
            }
        }
        go.countDown();
        List<Verdict> verdicts = new ArrayList<>();
        for (Future<Verdict> verdict : sent) {
            verdicts.add(verdict.get(30, TimeUnit.SECONDS));
        }
        return verdicts;
    }

    /** The community service checks the secret alone: its answers are cached and claimed under the secret, with no id. */
    private String hash(MachineCredentials credentials) {
        return parceler.installation().auth().cache().secretHash(Realm.COMMUNITY, new MachineCredentials("", credentials.secret()));
    }

    @Test
    void anAnswerOneProcessGotServesTheOthers() {
        Authorizer first = appProcess();
        Authorizer second = appProcess();

        assertThat(first.authorize(Realm.COMMUNITY, M1)).isInstanceOf(Verdict.Authorized.class);
        assertThat(second.authorize(Realm.COMMUNITY, M1)).isInstanceOf(Verdict.Authorized.class);
        assertThat(first.authorize(Realm.COMMUNITY, new MachineCredentials("m1", "bad"))).isInstanceOf(Verdict.Refused.class);
        assertThat(second.authorize(Realm.COMMUNITY, new MachineCredentials("m1", "bad"))).isInstanceOf(Verdict.Refused.class);

        assertThat(subscriptions.calls()).containsExactly("community " + M1.secret(), "community bad");
    }

    @Test
    void aBurstOfFirstRequestsSpreadOverProcessesMakesOneUpstreamCall() throws Exception {
        subscriptions.delay(300);

        List<Verdict> verdicts = burst(List.of(appProcess(), appProcess(), appProcess()), 8, M1);

        assertThat(verdicts).hasSize(24).allMatch(Verdict.Authorized.class::isInstance);
        assertThat(subscriptions.calls()).containsExactly("community " + M1.secret());
        assertThat(appProcess().authorize(Realm.COMMUNITY, M1)).as("a process started later reads the answer")
                .isInstanceOf(Verdict.Authorized.class);
        assertThat(subscriptions.calls()).hasSize(1);
    }

    @Test
    void aRefusalReachesEveryWaitingProcessAsARefusal() throws Exception {
        subscriptions.delay(300);
        MachineCredentials wrong = new MachineCredentials("m1", "wrong-secret");

        List<Verdict> verdicts = burst(List.of(appProcess(), appProcess()), 6, wrong);

        assertThat(verdicts).allMatch(Verdict.Refused.class::isInstance);
        assertThat(subscriptions.calls()).containsExactly("community wrong-secret");
    }

    @Test
    void aRefusalCachedForLessThanTheClaimLastsLeavesTheNextRequestFreeToAskAtOnce() {
        MachineCredentials wrong = new MachineCredentials("m1", "wrong-secret");
        Duration refusalTtl = Duration.ofSeconds(1);
        assertThat(appProcess(AUTH_TIMEOUT, refusalTtl).authorize(Realm.COMMUNITY, wrong)).isInstanceOf(Verdict.Refused.class);

        parceler.clock().advance(refusalTtl);
        long started = System.nanoTime();
        Verdict again = appProcess(AUTH_TIMEOUT, refusalTtl).authorize(Realm.COMMUNITY, wrong);

        assertThat(again).as("asked again, not kept waiting on a claim nobody holds").isInstanceOf(Verdict.Refused.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(AUTH_TIMEOUT.multipliedBy(2));
        assertThat(subscriptions.calls()).containsExactly("community wrong-secret", "community wrong-secret");
    }

    @Test
    void aMachineWhoseClaimWouldQueueIsAskedAboutWithoutOne() throws Exception {
        MachineCredentials other = new MachineCredentials("m2", "s2-secret-of-m2");
        subscriptions.community(other.secret(), "2027-01-01T00:00:00Z");
        Authorizer process = appProcess();
        try (Connection locker = parceler.installation().database().dataSource().getConnection();
                Statement lock = locker.createStatement()) {
            // Another writer holds the claims table: m1's claim write waits for it, holding this process's claim slot.
            boolean sqlite = locker.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("sqlite");
            lock.execute(sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
            if (!sqlite) {
                lock.execute("LOCK TABLE authorization_claims IN EXCLUSIVE MODE");
            }
            AtomicReference<Thread> asking = new AtomicReference<>();
            Future<Verdict> first = requests.submit(() -> {
                asking.set(Thread.currentThread());
                return process.authorize(Realm.COMMUNITY, M1);
            });
            Future<Verdict> second;
            try {
                Eventually.await(Duration.ofSeconds(10), "m1's claim write waits for the lock", () -> asking.get() != null
                        && Arrays.stream(asking.get().getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("claim")
                                && frame.getClassName().equals(AuthorizationClaims.class.getName())));
                second = requests.submit(() -> process.authorize(Realm.COMMUNITY, other));
                Eventually.await(Duration.ofSeconds(10), "m2 is asked about while m1's claim write waits",
                        () -> subscriptions.calls().contains("community " + other.secret()));
                assertThat(subscriptions.calls()).as("m1 waits for its claim").doesNotContain("community " + M1.secret());
            } finally {
                lock.execute("COMMIT");
            }
            assertThat(first.get(30, TimeUnit.SECONDS)).isInstanceOf(Verdict.Authorized.class);
            assertThat(second.get(30, TimeUnit.SECONDS)).isInstanceOf(Verdict.Authorized.class);
        }
        assertThat(subscriptions.calls()).containsExactlyInAnyOrder("community " + M1.secret(), "community " + other.secret());
    }

    @Test
    void theClaimNamesTheSecretsKeyButNeverTheSecret() throws Exception {
        subscriptions.delay(500);
        Future<Verdict> asking = requests.submit(() -> appProcess().authorize(Realm.COMMUNITY, M1));
        Eventually.await(Duration.ofSeconds(10), "the subscription service is asked", () -> !subscriptions.calls().isEmpty());

        List<String> claims = parceler.databaseContent().stream().filter(row -> row.startsWith("authorization_claims:")).toList();
        assertThat(claims).singleElement().asString().contains("community  " + hash(M1)).doesNotContain(M1.secret());
        assertThat(asking.get(10, TimeUnit.SECONDS)).isInstanceOf(Verdict.Authorized.class);
    }

    @Test
    void aFailedCallReleasesItsClaimTheWaitersAnswerUnavailableAndTheNextRequestAsksAgain() throws Exception {
        subscriptions.delay(500);
        subscriptions.failWith(502);
        Authorizer first = appProcess();
        Authorizer second = appProcess();

        Future<Verdict> asking = requests.submit(() -> first.authorize(Realm.COMMUNITY, M1));
        Eventually.await(Duration.ofSeconds(10), "the first process asks the service", () -> !subscriptions.calls().isEmpty());
        Verdict waited = second.authorize(Realm.COMMUNITY, M1);

        assertThat(asking.get(10, TimeUnit.SECONDS)).isInstanceOf(Verdict.Unavailable.class);
        assertThat(waited).as("no answer came: 503, never a refusal").isInstanceOf(Verdict.Unavailable.class);
        assertThat(subscriptions.calls()).hasSize(1);
        assertThat(parceler.installation().auth().claims().held(Realm.COMMUNITY, "", hash(M1))).isFalse();

        subscriptions.failWith(0);
        subscriptions.delay(0);
        assertThat(second.authorize(Realm.COMMUNITY, M1)).isInstanceOf(Verdict.Authorized.class);
        assertThat(subscriptions.calls()).hasSize(2);
    }

    @Test
    void aClaimLeftByADeadProcessMakesOthersWaitBoundedlyThenLapses() {
        Duration shortTimeout = Duration.ofMillis(150);
        AuthorizationClaims claims = parceler.installation().auth().claims();
        // A process that died while asking: its claim stays until it lapses.
        assertThat(claims.claim(Realm.COMMUNITY, "", hash(M1), shortTimeout.multipliedBy(2).plus(Authorizer.CLAIM_MARGIN)))
                .isPresent();
        Authorizer process = appProcess(shortTimeout);

        long started = System.nanoTime();
        Verdict waited = process.authorize(Realm.COMMUNITY, M1);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(waited).isInstanceOf(Verdict.Unavailable.class);
        assertThat(took).as("waits twice the service's timeout, not longer").isBetween(shortTimeout.multipliedBy(2),
                shortTimeout.multipliedBy(2).plusSeconds(5));
        assertThat(subscriptions.calls()).isEmpty();

        parceler.clock().advance(shortTimeout.multipliedBy(2).plus(Authorizer.CLAIM_MARGIN));
        assertThat(process.authorize(Realm.COMMUNITY, M1)).as("a lapsed claim is taken over").isInstanceOf(Verdict.Authorized.class);
        assertThat(subscriptions.calls()).containsExactly("community " + M1.secret());
    }
}
