package dev.parceler.auth;

import java.util.EnumMap;
import java.util.Map;

/** Each realm's own way of checking machines (subscription service, credentials file or open). */
public final class RealmChecks implements SubscriptionCheck {
    private final Map<Realm, SubscriptionCheck> checks;

    public RealmChecks(Map<Realm, SubscriptionCheck> checks) {
        this.checks = new EnumMap<>(checks);
    }

    @Override
    public Verdict check(Realm realm, MachineCredentials credentials) {
        return checks.get(realm).check(realm, credentials);
    }

    @Override
    public boolean verifiesSystemId(Realm realm) {
        return checks.get(realm).verifiesSystemId(realm);
    }
}
