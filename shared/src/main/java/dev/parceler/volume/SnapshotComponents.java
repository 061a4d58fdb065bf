package dev.parceler.volume;

import dev.parceler.config.Settings;
import dev.parceler.database.MetaValues;
import dev.parceler.repository.RepositoryComponents;
import dev.parceler.signature.TrustedKeyStore;
import dev.parceler.snapshot.FeedCheck;
import dev.parceler.snapshot.MachinePins;
import dev.parceler.snapshot.MachineSightings;
import dev.parceler.snapshot.ServedHistory;
import dev.parceler.snapshot.ServingPlan;
import dev.parceler.snapshot.SnapshotCatalog;
import dev.parceler.snapshot.SnapshotChanges;
import dev.parceler.snapshot.SnapshotCleaner;
import dev.parceler.snapshot.SnapshotDiff;
import dev.parceler.snapshot.SnapshotFreeze;
import dev.parceler.snapshot.SnapshotRollback;
import dev.parceler.snapshot.SnapshotWriter;
import dev.parceler.snapshot.StablePathSelector;
import dev.parceler.snapshot.SwitchGrace;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The snapshots on the volume and what the database knows of them, as one process uses them
 * (here, beside the volume that supplies what differs between the disks): each built once, so that what the catalogue logs once per change is logged once in the process.
 */
public final class SnapshotComponents {
    private final ServingPlan plan;
    private final SnapshotCatalog catalog;
    private final SnapshotChanges changes;
    private final ServedHistory servedHistory;
    private final SwitchGrace switchGrace;
    private final MachineSightings sightings;
    private final SnapshotWriter writer;
    private final SnapshotCleaner cleaner;
    private final SnapshotFreeze freezes;
    private final SnapshotDiff diffs;
    private final SnapshotRollback rollbacks;
    private final TrustedKeyStore trustedKeys;

    public SnapshotComponents(Settings settings, Clock clock, Volume volume, DataSource dataSource, RepositoryComponents repositories) {
        StablePathSelector selector = new StablePathSelector(clock);
        plan = new ServingPlan(selector);
        catalog = new SnapshotCatalog(volume.disk(), settings.storage().snapshotFolder(), selector, volume.completion());
        changes = new SnapshotChanges(new MetaValues(dataSource));
        servedHistory = new ServedHistory(dataSource, clock);
        switchGrace = new SwitchGrace(settings.serving().switchGrace(), servedHistory, new MachinePins(dataSource), clock);
        sightings = new MachineSightings(dataSource);
        trustedKeys = new TrustedKeyStore(dataSource, clock);
        writer = volume.snapshotWriter(catalog, clock, changes, new FeedCheck(settings.limits().feedIndexBytes(), trustedKeys::keyring));
        cleaner = new SnapshotCleaner(volume.disk(), catalog, plan, changes, volume.settleBeforeDeleting(),
                servedHistory, settings.serving().keepServed(), switchGrace, repositories.repositories(), repositories.rings());
        freezes = new SnapshotFreeze(repositories.repositories(), catalog);
        diffs = new SnapshotDiff(catalog, volume.disk()::read);
        rollbacks = new SnapshotRollback(repositories.repositories(), catalog, servedHistory);
    }

    /** Which snapshot serves which machines: downloads and the cleanup both ask it. */
    public ServingPlan plan() {
        return plan;
    }

    public SnapshotCatalog catalog() {
        return catalog;
    }

    public SnapshotChanges changes() {
        return changes;
    }

    public ServedHistory servedHistory() {
        return servedHistory;
    }

    public SwitchGrace switchGrace() {
        return switchGrace;
    }

    public MachineSightings sightings() {
        return sightings;
    }

    public TrustedKeyStore trustedKeys() {
        return trustedKeys;
    }

    public SnapshotWriter writer() {
        return writer;
    }

    public SnapshotCleaner cleaner() {
        return cleaner;
    }

    public SnapshotFreeze freezes() {
        return freezes;
    }

    public SnapshotDiff diffs() {
        return diffs;
    }

    public SnapshotRollback rollbacks() {
        return rollbacks;
    }
}
