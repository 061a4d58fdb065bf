package dev.parceler.database;

import java.time.Instant;
import java.util.Optional;

/**
 * What the scheduled backups did last, kept in the database so that every app process shows it
 * ({@code /api/status}, {@code /metrics}) whichever host took the backup.
 */
public final class BackupRecord {
    private static final String LAST_AT = "backup.last_at";
    private static final String LAST_FILE = "backup.last_file";
    private static final String FAILED_AT = "backup.failed_at";
    private static final String FAILURE = "backup.failure";

    private final MetaValues meta;

    public BackupRecord(MetaValues meta) {
        this.meta = meta;
    }

    /** The last good backup (when, which file), and the failure since it, if any. */
    public record Last(Optional<Instant> at, Optional<String> file, Optional<Instant> failedAt, Optional<String> failure) {
    }

    public void succeeded(Instant at, String file) {
        meta.put(LAST_AT, at.toString());
        meta.put(LAST_FILE, file);
        meta.put(FAILED_AT, "");
        meta.put(FAILURE, "");
    }

    public void failed(Instant at, String failure) {
        meta.put(FAILED_AT, at.toString());
        meta.put(FAILURE, failure);
    }

    public Last last() {
        return new Last(value(LAST_AT).map(Instant::parse), value(LAST_FILE), value(FAILED_AT).map(Instant::parse), value(FAILURE));
    }

    private Optional<String> value(String key) {
        return meta.get(key).filter(value -> !value.isEmpty());
    }
}
