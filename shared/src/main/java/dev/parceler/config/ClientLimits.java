package dev.parceler.config;

import java.time.Duration;
import java.util.List;

/**
 * What a client of the open internet may cost the service, whoever it is:
 *
 * @param trustedProxies addresses (CIDR) whose {@code X-Forwarded-For} names the client
 *     ({@code TRUSTED_PROXIES}): the nginx front; anyone else is the client itself
 * @param signInChecks password checks (Argon2id, 19 MiB each) at once per app process
 *     ({@code SIGNIN_CONCURRENCY}); beyond it a sign-in is answered 503 at once
 * @param newMachinesPerAddress subscription checks one client address may have waiting for the
 *     service at once ({@code AUTH_NEW_PER_ADDRESS}); beyond it 503 at once
 * @param statusEvery how often the status page and {@code /api/status} are computed at most
 *     ({@code STATUS_CACHE}); every viewer within it gets the same answer
 * @param sightingsKept how long a machine's sighting ({@code repo:fleet}) is kept after it was last
 *     seen ({@code FLEET_SIGHTINGS_DAYS})
 * @param sightingsPerRepository the most sightings kept per repository ({@code FLEET_SIGHTINGS_MAX}):
 *     the least recently seen go first
 * @param feedIndexBytes the most bytes one feed index may hold once decompressed
 *     ({@code FEED_INDEX_MAX_MB}); a larger one fails the feed check
 */
public record ClientLimits(List<String> trustedProxies, int signInChecks, int newMachinesPerAddress, Duration statusEvery,
        Duration sightingsKept, int sightingsPerRepository, long feedIndexBytes) {

    /** The nginx front on this host, in a container network or a private network of its own. */
    public static final String DEFAULT_TRUSTED_PROXIES = "127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7";

    public ClientLimits {
        trustedProxies = List.copyOf(trustedProxies);
    }
}
