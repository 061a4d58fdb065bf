package dev.parceler.download;

import dev.parceler.repository.Repository;
import dev.parceler.snapshot.ServedSnapshot;
import dev.parceler.snapshot.SnapshotCatalog;
import dev.parceler.snapshot.SnapshotChanges;
import dev.parceler.snapshot.SnapshotTimestamp;
import dev.parceler.storage.Disk;
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
 * of its snapshots (a counter in the database, read every {@link SnapshotChanges#NOTICED_WITHIN}),
 * its snapshot folder has not changed (a folder removed by hand changes the local folder's stamp;
 * s3 cannot stamp folders, so there the answer is recomputed every {@link #UNSTAMPED}) and the
 * delay window has not moved past the served snapshot.
 */
public final class ServedSnapshots {
    /** Disks that cannot stamp a folder are listed again after this long. */
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

    private record Answer(Optional<String> freeze, int delay, long changes, Optional<Object> stamp, Instant validUntil,
            Optional<String> servedPath) {
    }

    private record Count(long value, Instant readAt) {
    }

    /** Disk path of the snapshot the repository serves now, if any. */
    public Optional<String> servedPath(Repository repository) {
        Instant now = clock.instant();
        long changed = changes(repository.name(), now);
        Optional<Object> stamp = disk.folderStamp(catalog.repositoryFolder(repository));
        Answer known = answers.get(repository.name());
        if (known != null && known.freeze().equals(repository.freeze()) && known.delay() == repository.delay()
                && known.changes() == changed && Objects.equals(known.stamp(), stamp) && now.isBefore(known.validUntil())) {
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
        answers.put(repository.name(), new Answer(repository.freeze(), repository.delay(), changed, stamp, validUntil, path));
        return path;
    }

    private long changes(String repository, Instant now) {
        Count count = counts.get(repository);
        if (count == null || !now.isBefore(count.readAt().plus(SnapshotChanges.NOTICED_WITHIN))) {
            count = new Count(changes.count(repository), now);
            counts.put(repository, count);
        }
        return count.value();
    }
}
