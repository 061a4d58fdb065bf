package dev.parceler.scheduler;

import dev.parceler.Installation;
import dev.parceler.config.BackupSettings;
import dev.parceler.config.NotifySettings;
import dev.parceler.database.MetaValues;
import dev.parceler.health.ProcessKind;
import dev.parceler.notify.Courier;
import dev.parceler.notify.Noticeboard;
import dev.parceler.storage.BackupShelf;
import java.net.http.HttpClient;
import java.time.Duration;
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
        return scheduler(installation, installation.settings().sync().schedule(), installation.settings().timezone());
    }

    /** The scheduler on {@code cron}, read in {@code zone}. */
    public static SchedulerProcess scheduler(Installation installation, String cron, ZoneId zone) {
        return new SchedulerProcess(
                installation.repositoryComponents().repositories(),
                installation.jobs().queue(),
                installation.maintenance(),
                new Housekeeping(installation.jobs().runs(), installation.auth().cache(), installation.auth().claims(),
                        installation.snapshotComponents().sightings(), installation.snapshotComponents().switchGrace(),
                        installation.settings().limits().sightingsKept(), installation.settings().limits().sightingsPerRepository()),
                installation.database().dataSource(),
                cron,
                zone,
                installation.clock(),
                dueAt -> installation.health().newPulse(ProcessKind.SCHEDULER, Optional::empty, dueAt),
                notifications(installation),
                backups(installation, zone));
    }

    /** The scheduled backups of BACKUP_SCHEDULE; none without it. A failure is a notice when notices are on. */
    static Optional<ScheduledBackups> backups(Installation installation, ZoneId zone) {
        BackupSettings backups = installation.settings().backups();
        if (!backups.on()) {
            return Optional.empty();
        }
        NotifySettings notify = installation.settings().notices();
        Noticeboard board = new Noticeboard(installation.database().dataSource());
        return Optional.of(new ScheduledBackups(backups, zone, installation.settings().database(), installation.database().dataSource(),
                System.getenv(), new MetaValues(installation.database().dataSource()),
                notice -> board.post(notice, notify, installation.clock().instant()),
                () -> BackupShelf.open(backups, installation.settings().storage().s3())));
    }

    /** The notices of NOTIFY_WEBHOOKS, sent by the scheduler; none without webhooks. */
    static Optional<Notifications> notifications(Installation installation) {
        NotifySettings notify = installation.settings().notices();
        if (!notify.on()) {
            return Optional.empty();
        }
        Noticeboard board = new Noticeboard(installation.database().dataSource());
        NoticeFinder finder = new NoticeFinder(notify, board, installation.jobs().runs(), installation.audit(), installation.health().heartbeats(),
                new MetaValues(installation.database().dataSource()), ProcessKind.SCHEDULER);
        ServedNotices served = new ServedNotices(notify, board, installation.repositoryComponents().repositories(), installation.snapshotComponents().catalog(),
                new MetaValues(installation.database().dataSource()));
        Courier courier = new Courier(notify, board, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        return Optional.of(new Notifications(finder, served, courier, board));
    }
}
