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
        throttle = new LoginThrottle(dataSource, 3, 5, Duration.ofMinutes(15), parceler.clock());
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

    @Test
    void failedSignInsThrottleTheAccountAndTheAddressUntilTheyLeaveTheWindow() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.wait("alice", "10.0.0.1")).isEmpty();
            throttle.failed("alice", "10.0.0.1");
            parceler.clock().advance(Duration.ofMinutes(1));
        }
        assertThat(throttle.wait("alice", "10.0.0.2")).as("per account, from any address").contains(Duration.ofMinutes(12));
        assertThat(throttle.wait("bob", "10.0.0.2")).isEmpty();
        throttle.failed("bob", "10.0.0.1");
        throttle.failed("carol", "10.0.0.1");
        assertThat(throttle.wait("dave", "10.0.0.1")).as("per address, for any account").isPresent();

        parceler.clock().advance(Duration.ofMinutes(14));
        assertThat(throttle.wait("alice", "10.0.0.2")).isEmpty();
        throttle.succeeded("alice");
        assertThat(throttle.wait("alice", "10.0.0.3")).isEmpty();
    }
}
