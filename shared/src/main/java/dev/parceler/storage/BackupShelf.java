package dev.parceler.storage;

import dev.parceler.config.BackupSettings;
import dev.parceler.config.S3Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where scheduled backups are kept, as {@code BACKUP_DISK} says: {@code BACKUP_DIR} on this
 * machine, or the bucket's {@code backups/} folder, off it. A backup is always written into
 * {@code BACKUP_DIR} first (a database backup is a local file); the shelf then keeps it. Only
 * files named as the scheduler names them ({@code parceler-<UTC>.sqlite} or {@code .dump}) are
 * listed or removed: whatever else lies there is never touched.
 */
public interface BackupShelf extends AutoCloseable {
    /** {@code parceler-20261121T120000Z.sqlite}: the names sort as their times do. */
    Pattern NAME = Pattern.compile("parceler-\\d{8}T\\d{6}Z\\.(sqlite|dump)");

    static BackupShelf open(BackupSettings backups, java.util.Optional<S3Settings> s3) {
        return switch (backups.disk()) {
            case LOCAL -> new FolderShelf(backups.folder());
            // A backup is one object: no folder of them is ever deleted, so no marker orders a deletion.
            case S3 -> new BucketShelf(S3Disk.open(s3.orElseThrow(), new S3Disk.MarkerNames("", "")), backups.folder());
        };
    }

    /** Where the backups are, for messages: a folder, or {@code s3://bucket/backups/}. */
    String describe();

    /** Keeps {@code written}, a backup just written into {@code BACKUP_DIR}. */
    void shelve(Path written) throws IOException;

    /** The backups kept, newest first. */
    List<String> names() throws IOException;

    void remove(String name) throws IOException;

    /** A file of this machine holding the backup {@code name} (fetched into {@code BACKUP_DIR} from a bucket). */
    Path fetch(String name) throws IOException;

    @Override
    void close();
}
