package dev.parceler.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code NETIFYD_*} variables: where Netify's integrator API is, the key that opens it
 * (without one the {@code /api/netifyd/*} routes are off), the suffix of licence labels, the
 * entitlements every licence must carry, and how long to wait for an answer. The key is kept out
 * of {@link #toString()}.
 */
public record NetifydSettings(
        URI endpoint,
        Optional<String> apiKey,
        Optional<String> licenseSuffix,
        List<String> entitlements,
        Duration timeout) {

    /** The entitlements the Laravel application asks for. */
    public static final List<String> DEFAULT_ENTITLEMENTS = List.of(
            "netify-proc-aggregator", "netify-proc-flow-actions", "netify-proc-dev-discovery", "netify-sink-sqlite");

    public NetifydSettings {
        entitlements = List.copyOf(entitlements);
    }

    public boolean enabled() {
        return apiKey.isPresent();
    }

    @Override
    public String toString() {
        return "NetifydSettings[endpoint=" + endpoint + ", enabled=" + enabled() + ", licenseSuffix=" + licenseSuffix.orElse("-")
                + ", entitlements=" + entitlements + ", timeout=" + timeout + "]";
    }
}
