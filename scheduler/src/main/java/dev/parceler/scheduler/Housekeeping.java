package dev.parceler.scheduler;

import dev.parceler.auth.AuthorizationCache;
import dev.parceler.auth.AuthorizationClaims;
import dev.parceler.snapshot.MachineSightings;
import dev.parceler.snapshot.SwitchGrace;
import dev.parceler.sync.RunHistory;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the scheduler prunes now and then, so that no table grows with time alone: run records
 * past their retention, subscription answers past their expiry, lapsed claims of subscription
 * checks, machine sightings ({@code FLEET_SIGHTINGS_DAYS}, at most {@code FLEET_SIGHTINGS_MAX} per
 * repository) and pins past the switch grace.
 */
final class Housekeeping {
    // Its lines are the scheduler's, under the logger they always had.
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerProcess.class);
    static final Duration RUN_RETENTION = Duration.ofDays(90);

    private final RunHistory runs;
    private final AuthorizationCache authorizations;
    private final AuthorizationClaims claims;
    private final MachineSightings sightings;
    private final SwitchGrace grace;
    private final Duration sightingsKept;
    private final int sightingsPerRepository;

    Housekeeping(RunHistory runs, AuthorizationCache authorizations, AuthorizationClaims claims, MachineSightings sightings,
            SwitchGrace grace, Duration sightingsKept, int sightingsPerRepository) {
        this.runs = runs;
        this.authorizations = authorizations;
        this.claims = claims;
        this.sightings = sightings;
        this.grace = grace;
        this.sightingsKept = sightingsKept;
        this.sightingsPerRepository = sightingsPerRepository;
    }

    void prune(Instant now) {
        int pruned = runs.pruneBefore(now.minus(RUN_RETENTION));
        if (pruned > 0) {
            LOG.info("Pruned {} run records older than {} days", pruned, RUN_RETENTION.toDays());
        }
        int expired = authorizations.pruneExpired();
        if (expired > 0) {
            LOG.info("Pruned {} expired subscription answers", expired);
        }
        int lapsed = claims.pruneLapsed();
        if (lapsed > 0) {
            LOG.info("Pruned {} lapsed subscription check claims", lapsed);
        }
        int seen = sightings.prune(now.minus(sightingsKept), sightingsPerRepository);
        if (seen > 0) {
            LOG.info("Pruned {} machine sightings (older than {} days, or past {} per repository)", seen, sightingsKept.toDays(),
                    sightingsPerRepository);
        }
        int pins = grace.forgetLapsedPins();
        if (pins > 0) {
            LOG.info("Pruned {} machine pins past the switch grace", pins);
        }
    }
}
