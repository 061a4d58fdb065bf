package dev.parceler.auth;

/** Asks whether a machine's subscription lets it download from a realm. One call, no caching. */
public interface SubscriptionCheck {
    Verdict check(Realm realm, MachineCredentials credentials);

    /**
     * Whether a yes of this check vouches for the system id as well as the secret. Only then may
     * the id choose more than a download: a staff read, a ring that lists it, a verified sighting.
     */
    default boolean verifiesSystemId(Realm realm) {
        return true;
    }
}
