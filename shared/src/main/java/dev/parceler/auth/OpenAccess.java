package dev.parceler.auth;

import java.time.Clock;
import java.time.Duration;

/** Every machine with any credentials may download: for local trials only (a warning is logged at every start). */
public final class OpenAccess implements SubscriptionCheck {
    private final Clock clock;

    public OpenAccess(Clock clock) {
        this.clock = clock;
    }

    /** Any credentials are let in: the id is only what the client says. */
    @Override
    public boolean verifiesSystemId(Realm realm) {
        return false;
    }

    @Override
    public Verdict check(Realm realm, MachineCredentials credentials) {
        return new Verdict.Authorized(clock.instant().plus(Duration.ofHours(1)));
    }
}
