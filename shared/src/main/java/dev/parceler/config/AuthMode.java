package dev.parceler.config;

/** How a realm's machines are authorized: {@code COMMUNITY_AUTH} and {@code ENTERPRISE_AUTH}. */
public enum AuthMode {
    /** The subscription service at the realm's endpoint (the default). */
    SUBSCRIPTION,
    /** The machines listed in {@code AUTH_CREDENTIALS_FILE}. */
    FILE,
    /** Any credentials: for local trials only. */
    OPEN
}
