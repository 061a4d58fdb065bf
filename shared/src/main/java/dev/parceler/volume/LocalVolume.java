package dev.parceler.volume;

import dev.parceler.config.Settings;
import dev.parceler.snapshot.FeedCheck;
import dev.parceler.snapshot.LocalSnapshotWriter;
import dev.parceler.snapshot.SnapshotCatalog;
import dev.parceler.snapshot.SnapshotChanges;
import dev.parceler.snapshot.SnapshotCompletion;
import dev.parceler.snapshot.SnapshotWriter;
import dev.parceler.storage.Disk;
import dev.parceler.storage.LocalDisk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The {@code local} volume: a folder of this machine ({@code STORAGE_ROOT}). */
public final class LocalVolume implements Volume {
    private final LocalDisk disk;
    private final String sourceFolder;
    private final Optional<String> xAccelPrefix;

    public LocalVolume(LocalDisk disk, String sourceFolder, Optional<String> xAccelPrefix) {
        this.disk = disk;
        this.sourceFolder = sourceFolder;
        this.xAccelPrefix = xAccelPrefix;
    }

    static LocalVolume open(Settings settings) {
        return new LocalVolume(new LocalDisk(settings.storage().root()), settings.storage().sourceFolder(), settings.http().xAccelPrefix());
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Disk disk() {
        return disk;
    }

    /** A snapshot appears by a rename, so every visible one is whole. */
    @Override
    public SnapshotCompletion completion() {
        return SnapshotCompletion.renamedIntoPlace();
    }

    @Override
    public SnapshotWriter snapshotWriter(SnapshotCatalog catalog, Clock clock, SnapshotChanges changes, FeedCheck feedCheck) {
        return new LocalSnapshotWriter(disk, sourceFolder, catalog, clock, changes, feedCheck);
    }

    /**
     * Nothing to wait for: app processes resolve the served snapshot to files of this machine,
     * and a file already open is sent whole after its folder is deleted.
     */
    @Override
    public Duration settleBeforeDeleting() {
        return Duration.ZERO;
    }

    /** Created up front, so that commands may write into it straight away. */
    @Override
    public void prepareSource(String sourcePath) throws IOException {
        Files.createDirectories(disk.resolve(sourcePath));
    }

    /** The absolute folder, for both: rclone takes a local path as a remote. */
    @Override
    public Map<String, String> syncVariables(String sourcePath, Map<String, String> worker) {
        String absolute = disk.resolve(sourcePath).toString();
        return Map.of("PARCELER_SOURCE_DIR", absolute, "PARCELER_SOURCE_REMOTE", absolute);
    }

    @Override
    public Optional<Path> localRoot() {
        return Optional.of(disk.root());
    }

    @Override
    public <T> T delivery(Deliveries<T> deliveries) {
        return deliveries.local(disk, xAccelPrefix);
    }

    /** A folder holds nothing open. */
    @Override
    public void close() {
    }
}
