package dev.parceler.download;

import dev.parceler.repository.Repository;
import dev.parceler.snapshot.ServedSnapshot;
import dev.parceler.snapshot.SnapshotCatalog;
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
 * reused while the repository's freeze and delay are the same, its snapshot folder has not
 * changed (a snapshot made, deleted, or removed by hand changes the folder's stamp) and the
 * delay window has not moved past the served snapshot.
 */
public final class ServedSnapshots {
    /** Disks that cannot stamp a folder are listed again after this long. */
    static final Duration UNSTAMPED = Duration.ofSeconds(30);

    private final SnapshotCatalog catalog;
    private final Disk disk;
    private final Clock clock;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    public ServedSnapshots(SnapshotCatalog catalog, Disk disk, Clock clock) {
        this.catalog = catalog;
        this.disk = disk;
        this.clock = clock;
    }

    private record Answer(Optional<String> freeze, int delay, Optional<Object> stamp, Instant validUntil,
            Optional<String> servedPath) {
    }

    /** Disk path of the snapshot the repository serves now, if any. */
    public Optional<String> servedPath(Repository repository) {
        Instant now = clock.instant();
        Optional<Object> stamp = disk.folderStamp(catalog.repositoryFolder(repository));
        Answer known = answers.get(repository.name());
        if (known != null && known.freeze().equals(repository.freeze()) && known.delay() == repository.delay()
                && stamp.isPresent() && Objects.equals(known.stamp(), stamp) && now.isBefore(known.validUntil())) {
            return known.servedPath();
        }
        Optional<ServedSnapshot> served = catalog.served(repository);
        Instant validUntil = stamp.isEmpty() ? now.plus(UNSTAMPED) : served
                .filter(snapshot -> snapshot.reason() == ServedSnapshot.Reason.WITHIN_DELAY)
                .flatMap(snapshot -> SnapshotTimestamp.parse(snapshot.folder()))
                .map(takenAt -> takenAt.plus(Duration.ofDays(repository.delay())).plusMillis(1))
                .orElse(Instant.MAX);
        Optional<String> path = served.map(snapshot -> catalog.snapshotPath(repository, snapshot.folder()));
        answers.put(repository.name(), new Answer(repository.freeze(), repository.delay(), stamp, validUntil, path));
        return path;
    }
}
