package dev.parceler.volume;

import dev.parceler.config.Settings;
import dev.parceler.snapshot.FeedCheck;
import dev.parceler.snapshot.SnapshotCatalog;
import dev.parceler.snapshot.SnapshotChanges;
import dev.parceler.snapshot.SnapshotCompletion;
import dev.parceler.snapshot.SnapshotWriter;
import dev.parceler.storage.Disk;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where an installation keeps its repositories, as {@code FILESYSTEM_DISK} names it: a folder of
 * this machine ({@link LocalVolume}) or an S3 bucket ({@link S3Volume}). Everything that differs
 * between the two lives in one of them, and {@link #open} picks one, once: nothing else asks
 * which disk it has.
 */
public interface Volume extends AutoCloseable {

    /** The volume the settings configure; its disk is opened, but no request is made yet. */
    static Volume open(Settings settings) {
        return switch (settings.storage().disk()) {
            case LOCAL -> LocalVolume.open(settings);
            case S3 -> S3Volume.open(settings);
        };
    }

    /** Its {@code FILESYSTEM_DISK} name, which sync commands are told too. */
    String name();

    Disk disk();

    /** Which snapshot folders on it are whole. */
    SnapshotCompletion completion();

    /** Writes a repository's snapshots from its source folder. */
    SnapshotWriter snapshotWriter(SnapshotCatalog catalog, Clock clock, SnapshotChanges changes, FeedCheck feedCheck);

    /** How long a cleanup waits after a new snapshot before deleting older ones (see {@code SnapshotCleaner}). */
    Duration settleBeforeDeleting();

    /** Makes the source folder ready for a sync command to write into, where that is needed. */
    void prepareSource(String sourcePath) throws IOException;

    /**
     * What a sync command is told about its source folder ({@code PARCELER_SOURCE_DIR},
     * {@code PARCELER_SOURCE_REMOTE}, and what the remote needs), over the worker's own
     * environment; a null value removes a variable.
     */
    Map<String, String> syncVariables(String sourcePath, Map<String, String> worker);

    /** The folder of this machine the disk lives in, whose free space is watched; empty for a bucket. */
    Optional<Path> localRoot();

    /** How downloads are delivered from it, as the edge that serves them builds deliveries. */
    <T> T delivery(Deliveries<T> deliveries);

    @Override
    void close();
}
