package dev.parceler.download;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.parceler.database.SharedState;
import dev.parceler.repository.FastLane;
import dev.parceler.repository.Repository;
import dev.parceler.repository.Ring;
import dev.parceler.repository.RingAssignment;
import dev.parceler.repository.RingStore;
import dev.parceler.snapshot.MachineSightings;
import dev.parceler.snapshot.Manifest;
import dev.parceler.snapshot.ServingPlan;
import dev.parceler.snapshot.SnapshotCatalog;
import dev.parceler.snapshot.SnapshotChanges;
import dev.parceler.snapshot.SwitchGrace;
import dev.parceler.storage.Disk;
import dev.parceler.storage.DiskPath;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshot each repository serves to each group of machines, as the {@link ServingPlan}
 * decides it, without listing the disk on every download. An answer is reused while the
 * repository, as read, and the ring are the same, Parceler has made or deleted none
 * of its snapshots (a counter in the database, read again once {@link SharedState#REREAD} old),
 * its snapshot folder has not changed (a folder removed by hand changes the local folder's stamp,
 * looked at on every download; s3 cannot stamp folders, so there the served snapshot itself is
 * looked for again once {@link SharedState#REREAD} old: deleting any other snapshot never changes
 * which one is served) and time has not moved the plan's answer ({@link ServingPlan.Serving#stableUntil}). So every
 * change reaches downloads within {@link SharedState#NOTICED_WITHIN}.
 *
 * <p>It also keeps the switch grace's side of downloads: a switch this process notices is recorded
 * (the snapshot left was served until now), machines' feed-index fetches pin them, and pins and
 * previously served snapshots are only looked up while a switch is in its grace. A database that
 * cannot be written or read for these (full, busy) costs the grace, never the download.
 */
public final class ServedSnapshots {
    private static final Logger LOG = LoggerFactory.getLogger(ServedSnapshots.class);
    /** Disks that cannot stamp a folder are listed again after this long all the same. */
    static final Duration UNSTAMPED = Duration.ofSeconds(30);
    /** A machine fetching indexes of the same snapshot again within this long is not pinned again. */
    static final Duration PIN_AGAIN_AFTER = Duration.ofMinutes(1);
    /**
     * Pins this process remembers having written; beyond it the least recently fetched are forgotten
     * (and written again when fetched). A machine fetches each index once per update, so this only
     * spares the database retries and several feeds' fetches within a minute: a few MiB at most.
     */
    static final int REMEMBERED_PINS = 10_000;

    /**
     * The snapshot a group of machines is served, as the plan decided it ({@code serving}): its
     * folder, its disk path, when the grace of the switch to it ends, and the disk path of the fast
     * lane's snapshot when a lane applies.
     */
    public record Served(ServingPlan.Serving serving, String folder, String path, Optional<Instant> graceEnds,
            Optional<String> lanePath) {
        boolean inGrace(Instant now) {
            return graceEnds.filter(now::isBefore).isPresent();
        }

        Optional<FastLane> lane() {
            return serving.lane();
        }

        /**
         * What serves a file of {@code fileFolder}: the snapshot the plan names for it, the fast
         * lane's when the lane holds the folder.
         */
        Served forFolder(String fileFolder) {
            String snapshot = serving.snapshotFor(fileFolder);
            if (snapshot.equals(folder) || lanePath.isEmpty()) {
                return this;
            }
            return new Served(serving, snapshot, lanePath.get(), graceEnds, Optional.empty());
        }
    }

    private record WrittenPin(String snapshot, Instant at) {
    }

    /** A repository's rings as read when its change counter stood at {@code changes}. */
    private record RingList(long changes, List<Ring> rings) {
    }

    private final SnapshotCatalog catalog;
    private final ServingPlan plan;
    private final Disk disk;
    private final SnapshotChanges changes;
    private final Clock clock;
    private final Ticker ticker;
    private final SwitchGrace grace;
    private final RingStore rings;
    private final MachineSightings sightings;
    private final Map<String, RingList> ringLists = new ConcurrentHashMap<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, Count> counts = new ConcurrentHashMap<>();
    private final Map<String, WrittenPin> writtenPins = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, WrittenPin> eldest) {
            return size() > REMEMBERED_PINS;
        }
    };

    /**
     * @param clock the time the serving plan and the switch grace are decided at
     * @param ticker how old a cached count or check is (monotonic)
     */
    public ServedSnapshots(SnapshotCatalog catalog, ServingPlan plan, Disk disk, SnapshotChanges changes, Clock clock, Ticker ticker,
            SwitchGrace grace, RingStore rings, MachineSightings sightings) {
        this.catalog = catalog;
        this.plan = plan;
        this.disk = disk;
        this.changes = changes;
        this.clock = clock;
        this.ticker = ticker;
        this.grace = grace;
        this.rings = rings;
        this.sightings = sightings;
    }

    /**
     * The answer for one group of machines, reused while its inputs are the same: the repository as
     * read (any of its fields may change what is served), the ring, the change counter, the folder's
     * stamp and the time. {@code checkedAtNanos}: when an unstamped disk last showed the served
     * snapshot still there (monotonic).
     */
    private record Answer(Repository repository, Optional<Ring> ring, long changes, Optional<Object> stamp,
            Instant validUntil, Optional<Served> served, long checkedAtNanos) {
        Optional<String> servedPath() {
            return served.map(Served::path);
        }
    }

    private record Count(long value, long readAtNanos) {
    }

    /** The snapshot the repository held at {@code at} (the newest taken by then) as a disk path and folder name. */
    public Optional<Map.Entry<String, String>> asOf(Repository repository, Instant at) {
        return catalog.asOf(repository, at).map(folder -> Map.entry(folder, catalog.snapshotPath(repository, folder)));
    }

    /** The ring the machine is in, if the repository has rings and one holds it. */
    public Optional<Ring> ring(Repository repository, String systemId, boolean verified) {
        long changed = changes(repository.name(), ticker.read());
        RingList known = ringLists.get(repository.name());
        if (known == null || known.changes() != changed) {
            known = new RingList(changed, rings.all(repository.name()));
            ringLists.put(repository.name(), known);
        }
        return RingAssignment.of(known.rings(), systemId, verified);
    }

    /** The snapshot the repository serves now to the machines of {@code ring} (none: the repository's delay), if any. */
    public Optional<Served> served(Repository repository, Optional<Ring> ring) {
        String key = repository.name() + ring.map(chosen -> "\0" + chosen.name()).orElse("");
        Instant now = clock.instant();
        long nanos = ticker.read();
        long changed = changes(repository.name(), nanos);
        Optional<Object> stamp = disk.folderStamp(catalog.repositoryFolder(repository));
        Answer known = answers.get(key);
        if (known != null && known.repository().equals(repository) && known.ring().equals(ring) && known.changes() == changed
                && Objects.equals(known.stamp(), stamp) && now.isBefore(known.validUntil()) && stillThere(key, known, stamp, nanos)) {
            return known.served();
        }
        Optional<ServingPlan.Serving> served = plan.serving(repository, ring, catalog.snapshots(repository));
        catalog.noteServed(ServingPlan.group(repository, ring), served.map(ServingPlan.Serving::snapshot));
        Instant validUntil = served.map(ServingPlan.Serving::stableUntil).orElse(Instant.MAX);
        if (stamp.isEmpty() && validUntil.isAfter(now.plus(UNSTAMPED))) {
            validUntil = now.plus(UNSTAMPED);
        }
        Optional<String> before = known == null ? Optional.empty() : known.served().map(Served::folder);
        boolean switched = served.isPresent() && before.isPresent() && !before.get().equals(served.get().folder());
        Optional<FastLane> lane = served.flatMap(ServingPlan.Serving::lane);
        // A fast lane opening or closing switches its folder to another snapshot: machines in the middle of an
        // update of that feed get the same grace as after any switch.
        boolean laneSwitched = known != null && !known.served().flatMap(Served::lane).equals(lane);
        Optional<Served> answer = served.map(serving -> new Served(serving, serving.folder(),
                catalog.snapshotPath(repository, serving.folder()),
                switched || laneSwitched ? grace.endsAfterSwitchNow() : graceEnds(repository.name(), serving.folder()),
                lane.map(open -> catalog.snapshotPath(repository, open.snapshot()))));
        Answer fresh = new Answer(repository, ring, changed, stamp, validUntil, answer, nanos);
        // Of the requests that notice a switch at once, the one that replaces the answer records it.
        if (answers.put(key, fresh) == known && (switched || laneSwitched) && served.isPresent()) {
            try {
                grace.switched(repository.name(), before, served.get().folder());
                if (laneSwitched) {
                    // The lane's snapshot was (or is now) served for its folder: recorded, so every process sees the grace.
                    Optional<String> laneSnapshot = lane.or(() -> known.served().flatMap(Served::lane)).map(FastLane::snapshot);
                    grace.switched(repository.name(), laneSnapshot, served.get().folder());
                }
            } catch (RuntimeException e) {
                LOG.warn("[{}] cannot record the switch to {}: {}", repository.name(), served.get().folder(), e.getMessage());
            }
        }
        return answer;
    }

    private Optional<Instant> graceEnds(String repository, String folder) {
        try {
            return grace.endsAt(repository, folder);
        } catch (RuntimeException e) {
            LOG.warn("[{}] cannot read the snapshots served before: {}", repository, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * While the switch to the served snapshot is in its grace: the disk path of the snapshot the
     * machine's {@code folder} is pinned to, when that is another one.
     */
    public Optional<String> pinnedPath(Repository repository, Served served, String systemId, String folder) {
        if (!served.inGrace(clock.instant())) {
            return Optional.empty();
        }
        try {
            return grace.pinned(repository.name(), systemId, folder)
                    .filter(snapshot -> !snapshot.equals(served.folder()))
                    .map(snapshot -> catalog.snapshotPath(repository, snapshot));
        } catch (RuntimeException e) {
            LOG.warn("[{}] cannot read a machine's pin: {}", repository.name(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The machine fetched {@code folder}'s index from the served snapshot: pins it there and
     * records the sighting (at most once a minute per machine, feed and snapshot).
     */
    public void fetchedIndex(Repository repository, Optional<Ring> ring, Served served, Machine machine, String folder) {
        String systemId = machine.identity();
        Instant now = clock.instant();
        String key = repository.name() + '\0' + systemId + '\0' + folder;
        synchronized (writtenPins) {
            WrittenPin written = writtenPins.get(key);
            if (written != null && written.snapshot().equals(served.folder()) && now.isBefore(written.at().plus(PIN_AGAIN_AFTER))) {
                return;
            }
            writtenPins.put(key, new WrittenPin(served.folder(), now));
        }
        try {
            grace.pin(repository.name(), systemId, folder, served.folder());
            sightings.seen(repository.name(), systemId, ring.map(Ring::name).orElse(MachineSightings.NO_RING), served.folder(), now,
                    machine.verified(), machine.claimedId());
        } catch (RuntimeException e) {
            synchronized (writtenPins) {
                writtenPins.remove(key);
            }
            LOG.warn("[{}] cannot record a machine's index fetch from {}: {}", repository.name(), served.folder(), e.getMessage());
        }
    }

    /** While the switch is in its grace: disk paths of the snapshots served before it, the most recent first. */
    public List<String> previousPaths(Repository repository, Served served) {
        if (!served.inGrace(clock.instant())) {
            return List.of();
        }
        try {
            return grace.previouslyServed(repository.name(), served.folder()).stream()
                    .map(snapshot -> catalog.snapshotPath(repository, snapshot))
                    .toList();
        } catch (RuntimeException e) {
            LOG.warn("[{}] cannot read the snapshots served before: {}", repository.name(), e.getMessage());
            return List.of();
        }
    }

    /** On a disk without folder stamps, whether the served snapshot is still there, looked at once REREAD old. */
    private boolean stillThere(String key, Answer known, Optional<Object> stamp, long nanos) {
        if (stamp.isPresent() || known.servedPath().isEmpty() || nanos - known.checkedAtNanos() < SharedState.REREAD.toNanos()) {
            return true;
        }
        String path = known.servedPath().get();
        // A snapshot Parceler made has its manifest (one HEAD request); a folder made by hand needs a listing.
        boolean there = disk.isFile(DiskPath.join(path, Manifest.FILE_NAME)) || disk.isFolder(path);
        if (there) {
            answers.replace(key, known, new Answer(known.repository(), known.ring(), known.changes(), known.stamp(),
                    known.validUntil(), known.served(), nanos));
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
