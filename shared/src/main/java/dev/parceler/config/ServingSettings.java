package dev.parceler.config;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What machines are served around a switch and who else may read: how many served snapshots are
 * kept as a way back ({@code REPOSITORY_KEEP_SERVED}), the switch grace ({@code SWITCH_GRACE}),
 * the bearer tokens of releases ({@code REPOSITORY_RELEASE_TOKEN}, and
 * {@code REPOSITORY_MILESTONE_TOKEN} under its old name), and the staff machines that may read a
 * repository as it was ({@code STAFF_MACHINES}).
 */
public record ServingSettings(int keepServed, Duration switchGrace, Optional<String> releaseToken, Optional<String> milestoneToken,
        Set<String> staffMachines) {

    @Override
    public String toString() {
        // The tokens never reach a log line.
        return "ServingSettings[keepServed=" + keepServed + ", switchGrace=" + switchGrace + ", releaseToken="
                + (releaseToken.isPresent() ? "set" : "-") + ", milestoneToken=" + (milestoneToken.isPresent() ? "set" : "-")
                + ", staffMachines=" + staffMachines.size() + "]";
    }
}
