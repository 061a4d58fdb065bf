package dev.parceler.snapshot;

import dev.parceler.repository.Repository;
import dev.parceler.storage.DiskPath;
import dev.parceler.storage.S3Disk;
import dev.parceler.storage.S3Disk.StoredObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots on s3. Every object of {@code source/<name>} is copied by the service itself into
 * {@code snapshots/<name>/<timestamp>/}, several at a time. A snapshot is self-contained: the
 * service has no links, and an object shared with an older snapshot would vanish when cleanup,
 * a milestone or an operator deletes that one. {@code .parceler-writing} goes first, so that an
 * interrupted write is recognised and removed; the manifest goes last and is the completion
 * marker: a timestamped folder without it never counts.
 */
public final class S3SnapshotWriter implements SnapshotWriter {
    private static final Logger LOG = LoggerFactory.getLogger(S3SnapshotWriter.class);
    public static final String WRITING_MARKER = ".parceler-writing";
    /** A single CopyObject request copies at most 5 GiB. */
    static final long LARGEST_COPY = 5L * 1024 * 1024 * 1024;

    private final S3Disk disk;
    private final String sourceFolder;
    private final SnapshotCatalog catalog;
    private final Clock clock;
    private final int parallelCopies;
    private final SnapshotChanges changes;
    private final FeedCheck feedCheck;

    public S3SnapshotWriter(S3Disk disk, String sourceFolder, SnapshotCatalog catalog, Clock clock, int parallelCopies,
            SnapshotChanges changes, FeedCheck feedCheck) {
        this.feedCheck = feedCheck;
        if (parallelCopies < 1) {
            throw new IllegalArgumentException("parallelCopies must be at least 1");
        }
        this.disk = disk;
        this.sourceFolder = sourceFolder;
        this.catalog = catalog;
        this.clock = clock;
        this.parallelCopies = parallelCopies;
        this.changes = changes;
    }

    @Override
    public SnapshotWrite write(Repository repository) {
        String source = DiskPath.join(sourceFolder, repository.name(), repository.subDir().orElse(""));
        List<StoredObject> objects = disk.objects(source).stream()
                .filter(object -> !Manifest.isServicePath(object.path()))
                .toList();
        if (objects.isEmpty()) {
            throw new SnapshotException("Nothing to snapshot: " + source + " holds no objects in bucket " + disk.bucket() + ".");
        }
        for (StoredObject object : objects) {
            if (object.size() > LARGEST_COPY) {
                throw new SnapshotException("Snapshot of " + repository.name() + " failed: " + object.path()
                        + " is larger than 5 GiB, more than one copy request can take.");
            }
        }
        if (repository.feedCheck()) {
            checkFeeds(repository, source, objects);
        }
        String repositoryFolder = catalog.repositoryFolder(repository);
        List<String> folders = disk.folders(repositoryFolder);
        removeLeftovers(repository, folders);
        String name = SnapshotTimestamp.firstFree(clock, new HashSet<>(folders)::contains);
        String target = catalog.snapshotPath(repository, name);
        disk.write(DiskPath.join(target, WRITING_MARKER), new byte[0], "text/plain");
        List<Manifest.Entry> entries;
        try {
            entries = copyAll(repository, source, target, objects);
            verify(target, entries);
            disk.write(DiskPath.join(target, Manifest.FILE_NAME), new Manifest(1, entries).toBytes(), "application/gzip");
        } catch (RuntimeException e) {
            // A failed write removes what it copied at once rather than at the repository's next snapshot.
            try {
                disk.deleteFolder(target);
            } catch (RuntimeException notRemoved) {
                LOG.warn("[{}] cannot remove the failed snapshot {}: {}", repository.name(), name, notRemoved.getMessage());
            }
            throw e;
        }
        changes.record(repository.name());
        long bytes = entries.stream().mapToLong(Manifest.Entry::size).sum();
        LOG.info("[{}] snapshot {}: {} objects copied ({} bytes) by the storage service", repository.name(), name,
                entries.size(), bytes);
        return new SnapshotWrite(name, new CopyStats(entries.size(), 0, bytes, 0));
    }

    @Override
    public void removeUnfinished(Repository repository) {
        removeLeftovers(repository, disk.folders(catalog.repositoryFolder(repository)));
    }

    /** The time the feed check compares: the upstream time for an index or a signature, else the upload's. */
    private java.time.Instant timeOf(String source, StoredObject object, int sourceLength) {
        String relative = object.path().substring(sourceLength);
        if (!FeedCheck.DATED.contains(relative.substring(relative.lastIndexOf('/') + 1))) {
            return object.lastModified();
        }
        return disk.fileTime(DiskPath.join(source, relative)).orElse(object.lastModified());
    }

    /**
     * The source is checked before anything is copied (the lease keeps syncs out meanwhile). The
     * bucket gives no sha256, so files are checked for presence and size; every file counts as
     * changed (copies are made by the storage service, nothing is linked). The feed check compares
     * an index's time with its signature's: those files' times are asked for one by one (their
     * upstream times, see {@link S3Disk#fileTime}), a few requests per feed.
     */
    private void checkFeeds(Repository repository, String source, List<StoredObject> objects) {
        int sourceLength = source.isEmpty() ? 0 : source.length() + 1;
        List<Manifest.Entry> entries = objects.stream()
                .map(object -> new Manifest.Entry(object.path().substring(sourceLength), object.size(),
                        timeOf(source, object, sourceLength).toEpochMilli(), null, object.etag()))
                .toList();
        List<String> problems = feedCheck.problems(repository, new Manifest(1, entries), java.util.Set.of(), java.util.Set.of(),
                path -> new java.io.ByteArrayInputStream(disk.read(DiskPath.join(source, path))
                        .orElseThrow(() -> new java.io.IOException(path + " is gone"))));
        if (!problems.isEmpty()) {
            LOG.warn("[{}] snapshot not made: {}", repository.name(), FeedCheck.summary(problems));
            throw new FeedCheckException(repository.name(), problems);
        }
    }

    /**
     * Timestamped folders holding the writing marker but no manifest were being written by a job
     * that was interrupted; the caller holds the lease, so no one is writing them now. Folders
     * without either marker (made by hand, or by another application) are left alone.
     */
    private void removeLeftovers(Repository repository, List<String> folders) {
        for (String folder : folders) {
            if (SnapshotTimestamp.parse(folder).isEmpty()) {
                continue;
            }
            String path = catalog.snapshotPath(repository, folder);
            if (!SnapshotCompletion.markedOn(disk).isComplete(path) && disk.isFile(DiskPath.join(path, WRITING_MARKER))) {
                LOG.info("[{}] removing snapshot {} left incomplete by an interrupted job", repository.name(), folder);
                disk.deleteFolder(path);
            }
        }
    }

    private List<Manifest.Entry> copyAll(Repository repository, String source, String target, List<StoredObject> objects) {
        int sourceLength = source.isEmpty() ? 0 : source.length() + 1;
        ExecutorService copiers = Executors.newFixedThreadPool(Math.min(parallelCopies, objects.size()), runnable -> {
            Thread thread = new Thread(runnable, "snapshot-copy-" + repository.name());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Manifest.Entry>> copies = new ArrayList<>(objects.size());
            for (StoredObject object : objects) {
                String relative = object.path().substring(sourceLength);
                copies.add(copiers.submit(() -> {
                    disk.copy(object.path(), DiskPath.join(target, relative));
                    return new Manifest.Entry(relative, object.size(), object.lastModified().toEpochMilli(), null,
                            object.etag());
                }));
            }
            List<Manifest.Entry> entries = new ArrayList<>(copies.size());
            for (Future<Manifest.Entry> copy : copies) {
                entries.add(copy.get());
            }
            return entries;
        } catch (ExecutionException e) {
            throw new SnapshotException("Snapshot of " + repository.name() + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnapshotException("Snapshot of " + repository.name() + " interrupted", e);
        } finally {
            copiers.shutdownNow();
        }
    }

    /** Every copy is there with the size its source had, before the marker says so. */
    private void verify(String target, List<Manifest.Entry> entries) {
        int targetLength = target.length() + 1;
        Map<String, Long> written = disk.objects(target).stream()
                .collect(Collectors.toMap(object -> object.path().substring(targetLength), StoredObject::size));
        for (Manifest.Entry entry : entries) {
            Long size = written.get(entry.path());
            if (size == null || size != entry.size()) {
                throw new SnapshotException("Snapshot check failed: " + DiskPath.join(target, entry.path())
                        + (size == null ? " is missing" : " has the wrong size"));
            }
        }
    }
}
