package dev.parceler.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The operator console on the web: who may see the status page ({@code STATUS_PAGE}), the bearer
 * token of {@code /metrics} ({@code METRICS_TOKEN}; none: no metrics) and how long an admin stays
 * signed in without using the console ({@code SESSION_LIFETIME}).
 */
public record ConsoleSettings(StatusPage statusPage, Optional<String> metricsToken, Duration sessionLifetime) {

    public enum StatusPage {
        /** Anyone may see {@code /}: repository names, snapshots and run outcomes, no secrets. */
        PUBLIC,
        /** {@code /} needs a signed-in admin too. */
        ADMIN
    }

    @Override
    public String toString() {
        return "ConsoleSettings[statusPage=" + statusPage + ", metrics=" + (metricsToken.isPresent() ? "on" : "off")
                + ", sessionLifetime=" + sessionLifetime + "]";
    }
}
