package dev.parceler.scheduler;

import dev.parceler.config.BackupSettings;
import dev.parceler.config.DatabaseSettings;
import dev.parceler.database.BackupRecord;
import dev.parceler.storage.BackupShelf;
import dev.parceler.database.MetaValues;
import dev.parceler.database.PostgresDump;
import dev.parceler.database.SqliteBackup;
import dev.parceler.notify.Notice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jobrunr.scheduling.cron.CronExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code db:backup} on {@code BACKUP_SCHEDULE}, by the scheduler: each due tick once (claimed in
 * the database, so two schedulers take one backup), into {@code BACKUP_DIR} as {@code
 * parceler-<UTC time>.sqlite} (or {@code .dump}, by pg_dump, on PostgreSQL), keeping the newest
 * {@code BACKUP_KEEP} of those files and nothing else, there or, with {@code BACKUP_DISK=s3}, in
 * the bucket's {@code backups/} folder (uploaded, then removed here). A failure is recorded,
 * logged and told as a {@code backup_failed} notice; the next tick tries again.
 */
final class ScheduledBackups {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledBackups.class);
    private static final String LAST_TICK = "backup.last_tick";
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final BackupSettings settings;
    private final CronExpression schedule;
    private final ZoneId zone;
    private final DatabaseSettings database;
    private final DataSource dataSource;
    private final Map<String, String> environment;
    private final MetaValues meta;
    private final BackupRecord record;
    private final Consumer<Notice> tell;
    /** Opened for each backup and closed after it: a bucket's client is not kept between backups hours apart. */
    private final Supplier<BackupShelf> shelves;

    ScheduledBackups(BackupSettings settings, ZoneId zone, DatabaseSettings database, DataSource dataSource, Map<String, String> environment,
            MetaValues meta, Consumer<Notice> tell, Supplier<BackupShelf> shelves) {
        this.settings = settings;
        this.schedule = new CronExpression(settings.schedule().orElseThrow());
        this.zone = zone;
        this.database = database;
        this.dataSource = dataSource;
        this.environment = environment;
        this.meta = meta;
        this.record = new BackupRecord(meta);
        this.tell = tell;
        this.shelves = shelves;
    }

    /** When the next backup is due. */
    Optional<Instant> next() {
        return meta.get(LAST_TICK).map(last -> schedule.next(Instant.ofEpochSecond(Long.parseLong(last)),
                Instant.ofEpochSecond(Long.parseLong(last)), zone));
    }

    /** Takes the backup of the latest tick due at {@code now} that no scheduler took yet. */
    void step(Instant now) {
        Optional<String> last = meta.get(LAST_TICK);
        if (last.isEmpty()) {
            meta.putIfLarger(LAST_TICK, now.getEpochSecond()); // a new installation owes no backup of the past
            return;
        }
        Instant from = Instant.ofEpochSecond(Long.parseLong(last.get()));
        Instant due = null;
        Instant candidate = schedule.next(from, from, zone);
        for (int guard = 0; !candidate.isAfter(now) && guard < 1_000_000; guard++) {
            due = candidate;
            candidate = schedule.next(from, candidate, zone);
        }
        if (due == null) {
            return;
        }
        if (!meta.putIfLarger(LAST_TICK, due.getEpochSecond())) {
            return; // another scheduler moved the tick there first: it takes this backup
        }
        Path file = settings.folder().resolve("parceler-" + NAME.format(due) + (database.postgres().isPresent() ? ".dump" : ".sqlite"));
        try (BackupShelf shelf = shelves.get()) {
            Files.createDirectories(settings.folder());
            if (database.postgres().isPresent()) {
                PostgresDump dumps = new PostgresDump(database.postgres().get(), environment);
                Path pgDump = dumps.pgDump().orElseThrow(() -> new IllegalStateException("pg_dump is not on the PATH"));
                dumps.dump(pgDump, file);
            } else {
                new SqliteBackup(dataSource, database.file().orElseThrow()).backup(file, false);
            }
            shelf.shelve(file);
            record.succeeded(now, file.getFileName().toString());
            LOG.info("Scheduled backup written: {} in {}", file.getFileName(), shelf.describe());
            keepNewest(shelf);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            record.failed(now, why);
            LOG.warn("Scheduled backup to {} failed: {}", file, why);
            tell.accept(new Notice("backup:" + due.getEpochSecond(), "backup_failed", Optional.empty(),
                    "the scheduled backup of " + due + " failed: " + why, now));
        }
    }

    private void keepNewest(BackupShelf shelf) throws IOException {
        List<String> backups = shelf.names();
        for (String old : backups.subList(Math.min(settings.keep(), backups.size()), backups.size())) {
            shelf.remove(old);
            LOG.info("Old backup removed: {}", old);
        }
    }
}
