package dev.parceler.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.TestInstallations;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Passwords, sessions and sign-in throttling on a real database; {@link AdminSessionsPostgresIT} runs them on PostgreSQL. */
@ExtendWith(TestInstallations.class)
class AdminSessionsTest {
    private TestInstallation parceler;
    private AdminStore admins;
    private AdminSessions sessions;
    private LoginThrottle throttle;

    @BeforeEach
    void open(TestInstallation parceler) {
        this.parceler = parceler;
        var dataSource = parceler.installation().database().dataSource();
        admins = new AdminStore(dataSource, new PasswordHash(new SecureRandom()), parceler.clock());
        sessions = new AdminSessions(dataSource, new SecureRandom(), Duration.ofHours(1), parceler.clock());
        throttle = new LoginThrottle(dataSource, 3, 5, Duration.ofMinutes(15), parceler.clock(), new SecureRandom());
    }

    @Test
    void passwordsAreStoredAsArgon2idAndCheckedOnlyAgainstTheirOwnHash() {
        PasswordHash hash = new PasswordHash(new SecureRandom());
        String stored = hash.hash("a long password");
        assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("a long password");
        assertThat(hash.hash("a long password")).as("salted").isNotEqualTo(stored);
        assertThat(hash.matches("a long password", stored)).isTrue();
        assertThat(hash.matches("a long passwore", stored)).isFalse();
        assertThat(hash.matches("a long password", "plain text")).isFalse();
        assertThat(parceler.databaseContent()).noneMatch(row -> row.contains("a long password"));
    }

    @Test
    void aSessionLastsItsLifetimeAfterItsLastUseAndEndsOnSignOutOrANewPassword() {
        Admin alice = admins.create("alice", "a long password");
        AdminSessions.Opened opened = sessions.open(alice);
        assertThat(sessions.find(opened.token())).map(AdminSessions.SignedIn::admin).contains("alice");
        assertThat(parceler.databaseContent()).as("only the token's hash is stored").noneMatch(row -> row.contains(opened.token()));

        parceler.clock().advance(Duration.ofMinutes(50));
        assertThat(sessions.find(opened.token())).as("used: extended").isPresent();
        parceler.clock().advance(Duration.ofMinutes(50));
        assertThat(sessions.find(opened.token())).as("50 minutes after its last use").isPresent();
        parceler.clock().advance(Duration.ofMinutes(61));
        assertThat(sessions.find(opened.token())).as("an hour unused: expired").isEmpty();

        AdminSessions.Opened second = sessions.open(alice);
        sessions.close(second.token());
        assertThat(sessions.find(second.token())).isEmpty();

        AdminSessions.Opened third = sessions.open(alice);
        sessions.closeAll("alice");
        assertThat(sessions.find(third.token())).isEmpty();
        assertThat(sessions.find("not-a-token")).isEmpty();
    }

    private LoginThrottle.Attempt.Allowed allowed(String account, String address) {
        LoginThrottle.Attempt attempt = throttle.reserve(account, address);
        assertThat(attempt).as(account + " from " + address).isInstanceOf(LoginThrottle.Attempt.Allowed.class);
        return (LoginThrottle.Attempt.Allowed) attempt;
    }

    private java.util.Optional<Duration> refusedFor(String account, String address) {
        LoginThrottle.Attempt attempt = throttle.reserve(account, address);
        return attempt instanceof LoginThrottle.Attempt.Throttled throttled ? java.util.Optional.of(throttled.retryAfter())
                : java.util.Optional.empty();
    }

    @Test
    void failedSignInsThrottleTheAccountAndTheAddressUntilTheyLeaveTheWindow() {
        for (int i = 0; i < 3; i++) {
            allowed("alice", "10.0.0.1");
            parceler.clock().advance(Duration.ofMinutes(1));
        }
        assertThat(refusedFor("alice", "10.0.0.2")).as("per account, from any address").contains(Duration.ofMinutes(12));
        allowed("bob", "10.0.0.2");
        allowed("bob", "10.0.0.1");
        allowed("carol", "10.0.0.1");
        assertThat(refusedFor("dave", "10.0.0.1")).as("per address, for any account").isPresent();

        parceler.clock().advance(Duration.ofMinutes(14));
        LoginThrottle.Attempt.Allowed good = allowed("alice", "10.0.0.2");
        throttle.succeeded("alice", good);
        allowed("alice", "10.0.0.3");
    }

    @Test
    void aRefusedOrWithdrawnAttemptDoesNotCount() {
        for (int i = 0; i < 3; i++) {
            allowed("alice", "10.0.0." + i);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(refusedFor("alice", "10.0.1." + i)).isPresent();
        }
        parceler.clock().advance(Duration.ofMinutes(16));
        LoginThrottle.Attempt.Allowed busy = allowed("bob", "10.0.0.9");
        throttle.withdrawn(busy);
        for (int i = 0; i < 3; i++) {
            allowed("bob", "10.0.2." + i);
        }
        assertThat(refusedFor("bob", "10.0.3.1")).as("the withdrawn attempt left room for exactly three").isPresent();
    }

    @Test
    void aParallelBurstGetsNoMoreChecksThanASerialOne() throws Exception {
        int burst = 40;
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(burst);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            java.util.List<java.util.concurrent.Future<LoginThrottle.Attempt>> attempts = new java.util.ArrayList<>();
            for (int i = 0; i < burst; i++) {
                String address = "10.0.4." + i;
                attempts.add(clients.submit(() -> {
                    start.await();
                    return throttle.reserve("alice", address);
                }));
            }
            start.countDown();
            int allowed = 0;
            for (var attempt : attempts) {
                if (attempt.get(30, java.util.concurrent.TimeUnit.SECONDS) instanceof LoginThrottle.Attempt.Allowed) {
                    allowed++;
                }
            }
            assertThat(allowed).as("attempts allowed to check alice's password out of " + burst + " at once").isEqualTo(3);
        } finally {
            clients.shutdownNow();
        }
    }
}
