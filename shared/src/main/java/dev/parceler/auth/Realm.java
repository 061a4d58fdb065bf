package dev.parceler.auth;

import java.util.Locale;
import java.util.Optional;

/** Which subscription service vouches for a machine: the first segment after {@code /repository/}. */
public enum Realm {
    COMMUNITY,
    ENTERPRISE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Realm> of(String label) {
        for (Realm realm : values()) {
            if (realm.label().equals(label)) {
                return Optional.of(realm);
            }
        }
        return Optional.empty();
    }
}
