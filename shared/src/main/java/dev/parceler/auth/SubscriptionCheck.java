package dev.parceler.auth;

/** Asks whether a machine's subscription lets it download from a realm. One call, no caching. */
public interface SubscriptionCheck {
    Verdict check(Realm realm, MachineCredentials credentials);
}
