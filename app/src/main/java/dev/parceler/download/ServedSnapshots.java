package dev.parceler.download;

import dev.parceler.database.SharedState;
import dev.parceler.repository.Repository;
import dev.parceler.snapshot.Manifest;
import dev.parceler.snapshot.ServedSnapshot;
import dev.parceler.snapshot.SnapshotCatalog;
import dev.parceler.snapshot.SnapshotChanges;
import dev.parceler.snapshot.SnapshotTimestamp;
import dev.parceler.storage.Disk;
import dev.parceler.storage.DiskPath;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The snapshot each repository serves, without listing the disk on every download. An answer is
 * reused while the repository's freeze and delay are the same, Parceler has made or deleted none
 * of its snapshots (a counter in the database, read again once {@link SharedState#REREAD} old),
 * its snapshot folder has not changed (a folder removed by hand changes the local folder's stamp,
 * looked at on every download; s3 cannot stamp folders, so there the served snapshot itself is
 * looked for again once {@link SharedState#REREAD} old: deleting any other snapshot never changes
 * which one is served) and the delay window has not moved past the served snapshot. So every
 * change reaches downloads within {@link SharedState#NOTICED_WITHIN}.
 */
public final class ServedSnapshots {
    /** Disks that cannot stamp a folder are listed again after this long all the same. */
    static final Duration UNSTAMPED = Duration.ofSeconds(30);

    private final SnapshotCatalog catalog;
    private final Disk disk;
    private final SnapshotChanges changes;
    private final Clock clock;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, Count> counts = new ConcurrentHashMap<>();

    public ServedSnapshots(SnapshotCatalog catalog, Disk disk, SnapshotChanges changes, Clock clock) {
        this.catalog = catalog;
        this.disk = disk;
        this.changes = changes;
        this.clock = clock;
    }

    /** {@code checkedAtNanos}: when an unstamped disk last showed the served snapshot still there (monotonic). */
    private record Answer(Optional<String> freeze, int delay, long changes, Optional<Object> stamp, Instant validUntil,
            Optional<String> servedPath, long checkedAtNanos) {
    }

    private record Count(long value, long readAtNanos) {
    }

    /** Disk path of the snapshot the repository serves now, if any. */
    public Optional<String> servedPath(Repository repository) {
        Instant now = clock.instant();
        long nanos = System.nanoTime();
        long changed = changes(repository.name(), nanos);
        Optional<Object> stamp = disk.folderStamp(catalog.repositoryFolder(repository));
        Answer known = answers.get(repository.name());
        if (known != null && known.freeze().equals(repository.freeze()) && known.delay() == repository.delay()
                && known.changes() == changed && Objects.equals(known.stamp(), stamp) && now.isBefore(known.validUntil())
                && stillThere(repository.name(), known, stamp, nanos)) {
            return known.servedPath();
        }
        Optional<ServedSnapshot> served = catalog.served(repository);
        Instant validUntil = served
                .filter(snapshot -> snapshot.reason() == ServedSnapshot.Reason.WITHIN_DELAY)
                .flatMap(snapshot -> SnapshotTimestamp.parse(snapshot.folder()))
                .map(takenAt -> takenAt.plus(Duration.ofDays(repository.delay())).plusMillis(1))
                .orElse(Instant.MAX);
        if (stamp.isEmpty() && validUntil.isAfter(now.plus(UNSTAMPED))) {
            validUntil = now.plus(UNSTAMPED);
        }
        Optional<String> path = served.map(snapshot -> catalog.snapshotPath(repository, snapshot.folder()));
        answers.put(repository.name(), new Answer(repository.freeze(), repository.delay(), changed, stamp, validUntil, path, nanos));
        return path;
    }

    /** On a disk without folder stamps, whether the served snapshot is still there, looked at once REREAD old. */
    private boolean stillThere(String repository, Answer known, Optional<Object> stamp, long nanos) {
        if (stamp.isPresent() || known.servedPath().isEmpty() || nanos - known.checkedAtNanos() < SharedState.REREAD.toNanos()) {
            return true;
        }
        String path = known.servedPath().get();
        // A snapshot Parceler made has its manifest (one HEAD request); a folder made by hand needs a listing.
        boolean there = disk.isFile(DiskPath.join(path, Manifest.FILE_NAME)) || disk.isFolder(path);
        if (there) {
            answers.replace(repository, known,
                    new Answer(known.freeze(), known.delay(), known.changes(), known.stamp(), known.validUntil(), known.servedPath(), nanos));
        }
        return there;
    }

    private long changes(String repository, long nanos) {
        Count count = counts.get(repository);
        if (count == null || nanos - count.readAtNanos() >= SharedState.REREAD.toNanos()) {
            count = new Count(changes.count(repository), nanos);
            counts.put(repository, count);
        }
        return count.value();
    }
}
