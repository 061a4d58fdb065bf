package dev.parceler.scheduler;

import dev.parceler.Installation;
import dev.parceler.health.ProcessKind;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The composition root of the scheduler: {@code parceler scheduler}, and the scheduler that
 * {@code serve --with-scheduler} runs in its own process. It takes the installation's parts and
 * hands each to the scheduler's constructor; nothing below reaches back for them.
 */
public final class SchedulerRoot {
    private SchedulerRoot() {
    }

    /** The scheduler on the installation's {@code SYNC_SCHEDULE} in its {@code APP_TIMEZONE}. */
    public static SchedulerProcess scheduler(Installation installation) {
        return scheduler(installation, installation.settings().syncSchedule(), installation.settings().timezone());
    }

    /** The scheduler on {@code cron}, read in {@code zone}. */
    public static SchedulerProcess scheduler(Installation installation, String cron, ZoneId zone) {
        return new SchedulerProcess(
                installation.repositories(),
                installation.jobQueue(),
                installation.maintenance(),
                installation.runs(),
                installation.authorizationCache(),
                installation.authorizationClaims(),
                new SchedulerProcess.MachineTraces(installation.sightings(), installation.switchGrace(),
                        installation.settings().limits().sightingsKept(), installation.settings().limits().sightingsPerRepository()),
                installation.database().dataSource(),
                cron,
                zone,
                installation.clock(),
                dueAt -> installation.newPulse(ProcessKind.SCHEDULER, Optional::empty, dueAt));
    }
}
