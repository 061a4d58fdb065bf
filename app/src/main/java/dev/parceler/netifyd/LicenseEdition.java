package dev.parceler.netifyd;

import java.util.Optional;

/** The two licences Parceler hands out, one per NethSecurity edition, each found on Netify by its label. */
enum LicenseEdition {
    COMMUNITY("NethSecurity Community Edition"),
    ENTERPRISE("NethSecurity Enterprise Edition");

    /** Days a licence is created for; renewal starts when half of them have passed. */
    static final int DURATION_DAYS = 7;

    private final String label;

    LicenseEdition(String label) {
        this.label = label;
    }

    /** The {@code issued_to} of the licence on Netify: the label, then the suffix after a space when one is set. */
    String label(Optional<String> suffix) {
        return suffix.map(text -> label + " " + text).orElse(label);
    }
}
