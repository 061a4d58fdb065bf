package dev.parceler.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.SubscriptionStandIn;
import dev.parceler.testing.TestInstallation;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The authorization cache is shared by every app process: they meet in the database. */
class AuthorizerTest {
    @TempDir
    Path home;
    private TestInstallation parceler;
    private SubscriptionStandIn subscriptions;

    @BeforeEach
    void start() {
        parceler = TestInstallation.in(home);
        subscriptions = new SubscriptionStandIn().community("s1", "2027-01-01T00:00:00Z");
    }

    @AfterEach
    void stop() {
        subscriptions.close();
        parceler.close();
    }

    /** What one app process builds: its own service client, memory and single-flight, on the shared database. */
    private Authorizer appProcess() {
        SubscriptionService service = new SubscriptionService(HttpClient.newHttpClient(), subscriptions.communityEndpoint(),
                subscriptions.enterpriseEndpoint(), Duration.ofSeconds(2), parceler.clock());
        return new Authorizer(service, parceler.installation().authorizationCache(), Duration.ofMinutes(5), 32, parceler.clock());
    }

    @Test
    void anAnswerOneProcessGotServesTheOthers() {
        Authorizer first = appProcess();
        Authorizer second = appProcess();

        assertThat(first.authorize(Realm.COMMUNITY, new MachineCredentials("m1", "s1"))).isInstanceOf(Verdict.Authorized.class);
        assertThat(second.authorize(Realm.COMMUNITY, new MachineCredentials("m1", "s1"))).isInstanceOf(Verdict.Authorized.class);
        assertThat(first.authorize(Realm.COMMUNITY, new MachineCredentials("m1", "bad"))).isInstanceOf(Verdict.Refused.class);
        assertThat(second.authorize(Realm.COMMUNITY, new MachineCredentials("m1", "bad"))).isInstanceOf(Verdict.Refused.class);

        assertThat(subscriptions.calls()).containsExactly("community s1", "community bad");
    }
}
