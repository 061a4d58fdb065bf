package dev.parceler.repository;

import java.util.Locale;

/** Which snapshot a repository's delay serves. */
public enum DelayPolicy {
    /** The oldest snapshot taken within the delay; the newest when none is that recent. */
    WINDOW,
    /** The newest snapshot at least the delay old; the oldest there is when none is that old. */
    STRICT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DelayPolicy ofLabel(String label) {
        for (DelayPolicy policy : values()) {
            if (policy.label().equals(label)) {
                return policy;
            }
        }
        throw new InvalidRepositoryException("The delay policy must be 'window' or 'strict', got '" + label + "'.");
    }
}
