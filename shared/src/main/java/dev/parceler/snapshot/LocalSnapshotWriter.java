package dev.parceler.snapshot;

import dev.parceler.repository.Repository;
import dev.parceler.storage.DiskPath;
import dev.parceler.storage.LocalDisk;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import dev.parceler.digest.Sha256;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots on the local disk. A file unchanged since the previous snapshot (same size and
 * modification time, or same sha256 for repositories that compare content) is hard-linked to
 * the previous snapshot's copy instead of copied, so a snapshot costs what changed upstream.
 * Nothing is ever linked to {@code source/}: sync tools rewrite those files in place. The
 * snapshot is built under a hidden name, checked against its manifest, made read-only and then
 * renamed into place.
 */
public final class LocalSnapshotWriter implements SnapshotWriter {
    private static final Logger LOG = LoggerFactory.getLogger(LocalSnapshotWriter.class);
    static final String BUILDING_SUFFIX = ".partial";
    private static final int BUFFER = 256 * 1024;
    private static final Set<PosixFilePermission> READ_ONLY = Set.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);

    private final LocalDisk disk;
    private final String sourceFolder;
    private final SnapshotCatalog catalog;
    private final Clock clock;
    private final SnapshotChanges changes;
    private final FeedCheck feedCheck;

    public LocalSnapshotWriter(LocalDisk disk, String sourceFolder, SnapshotCatalog catalog, Clock clock, SnapshotChanges changes,
            FeedCheck feedCheck) {
        this.feedCheck = feedCheck;
        this.disk = disk;
        this.sourceFolder = sourceFolder;
        this.catalog = catalog;
        this.clock = clock;
        this.changes = changes;
    }

    @Override
    public SnapshotWrite write(Repository repository) {
        String sourcePath = DiskPath.join(sourceFolder, repository.name(), repository.subDir().orElse(""));
        Path source = disk.resolve(sourcePath);
        if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new SnapshotException("Nothing to snapshot: " + sourcePath + " is not a folder on the disk.");
        }
        Path snapshots = disk.resolve(catalog.repositoryFolder(repository));
        Path building = null;
        try {
            Files.createDirectories(snapshots);
            removeLeftovers(snapshots);
            Optional<Path> previous = newestSnapshot(repository, snapshots);
            String name = SnapshotTimestamp.firstFree(clock, taken -> Files.exists(snapshots.resolve(taken), LinkOption.NOFOLLOW_LINKS));
            building = snapshots.resolve("." + name + BUILDING_SUFFIX);
            Files.createDirectory(building);
            Walk walk = new Walk(source, building);
            Files.walkFileTree(source, walk);
            Placer placer = new Placer(building, previous, repository.compareContent());
            List<Placed> placed = new ArrayList<>(walk.files.size());
            for (SourceFile file : walk.files) {
                placed.add(placer.place(file));
            }
            Manifest manifest = new Manifest(1, placed.stream().map(Placed::entry).toList());
            verify(building, manifest, placed);
            if (repository.feedCheck()) {
                checkFeeds(repository, building, manifest, placed, placer.previousEntries.keySet());
            }
            manifest.write(building);
            Files.setPosixFilePermissions(building.resolve(Manifest.FILE_NAME), READ_ONLY);
            Files.move(building, snapshots.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            changes.record(repository.name());
            CopyStats stats = stats(placed);
            LOG.info("[{}] snapshot {}: {} files copied ({} bytes), {} linked ({} bytes)", repository.name(), name,
                    stats.filesCopied(), stats.bytesCopied(), stats.filesLinked(), stats.bytesLinked());
            return new SnapshotWrite(name, stats);
        } catch (IOException | RuntimeException e) {
            discard(repository, building);
            // A refused feed and a failed snapshot are already said in the operator's words.
            if (e instanceof SnapshotException || e instanceof FeedCheckException) {
                throw (RuntimeException) e;
            }
            throw new SnapshotException("Snapshot of " + repository.name() + " failed: " + e.getMessage(), e);
        }
    }

    /** A snapshot whose feed indexes do not match its files is not made: the folder being built goes. */
    private void checkFeeds(Repository repository, Path building, Manifest manifest, List<Placed> placed, Set<String> previous)
            throws IOException {
        Set<String> unchanged = new java.util.HashSet<>();
        for (Placed file : placed) {
            if (file.linked()) {
                unchanged.add(file.entry().path());
            }
        }
        List<String> problems = feedCheck.problems(repository, manifest, unchanged, previous,
                path -> Files.newInputStream(building.resolve(path)));
        if (!problems.isEmpty()) {
            LocalDisk.deleteTree(building);
            LOG.warn("[{}] snapshot not made: {}", repository.name(), FeedCheck.summary(problems));
            throw new FeedCheckException(repository.name(), problems);
        }
    }

    @Override
    public void removeUnfinished(Repository repository) {
        Path snapshots = disk.resolve(catalog.repositoryFolder(repository));
        if (!Files.isDirectory(snapshots, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            removeLeftovers(snapshots);
        } catch (IOException | UncheckedIOException e) {
            throw new SnapshotException("Cannot remove the unfinished snapshots of " + repository.name() + ": " + e.getMessage(), e);
        }
    }

    /** A failed write removes its half-written folder at once: on a full disk, that is the space the service needs back. */
    private static void discard(Repository repository, Path building) {
        if (building == null || !Files.exists(building, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            LocalDisk.deleteTree(building);
            LOG.info("[{}] removed the failed snapshot's {}", repository.name(), building.getFileName());
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("[{}] cannot remove {}: {}", repository.name(), building, e.getMessage());
        }
    }

    private static CopyStats stats(List<Placed> placed) {
        long filesCopied = 0;
        long filesLinked = 0;
        long bytesCopied = 0;
        long bytesLinked = 0;
        for (Placed file : placed) {
            if (file.linked()) {
                filesLinked++;
                bytesLinked += file.entry().size();
            } else {
                filesCopied++;
                bytesCopied += file.entry().size();
            }
        }
        return new CopyStats(filesCopied, filesLinked, bytesCopied, bytesLinked);
    }

    /** Hidden folders are snapshots an interrupted job was building or deleting; the lease says no one else is. */
    private static void removeLeftovers(Path snapshots) throws IOException {
        try (var children = Files.list(snapshots)) {
            for (Path child : children.toList()) {
                if (child.getFileName().toString().startsWith(".") && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    LOG.info("Removing {} left by an interrupted job", child);
                    LocalDisk.deleteTree(child);
                }
            }
        }
    }

    private Optional<Path> newestSnapshot(Repository repository, Path snapshots) {
        return StablePathSelector.timestamped(catalog.snapshots(repository)).entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(newest -> snapshots.resolve(newest.getKey()));
    }

    /**
     * Every file placed is in the manifest, and every copy has the size the manifest gives. A link
     * is the previous snapshot's checked file itself, so only copies need a look.
     */
    private static void verify(Path building, Manifest manifest, List<Placed> placed) throws IOException {
        if (placed.size() != manifest.files().size()) {
            throw new IOException("snapshot check failed: " + placed.size() + " files written, manifest lists " + manifest.files().size());
        }
        for (Placed file : placed) {
            if (file.linked()) {
                continue;
            }
            Manifest.Entry entry = file.entry();
            BasicFileAttributes attributes = Files.readAttributes(building.resolve(entry.path()), BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile() || attributes.size() != entry.size()) {
                throw new IOException("snapshot check failed: " + entry.path() + " has the wrong size");
            }
        }
    }

    /** Walks the source: creates the folders at once and lists the files to place. */
    private static final class Walk extends SimpleFileVisitor<Path> {
        private final Path source;
        private final Path target;
        final List<SourceFile> files = new ArrayList<>();

        Walk(Path source, Path target) {
            this.source = source;
            this.target = target;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
            Path relative = source.relativize(directory);
            if (!relative.toString().isEmpty()) {
                Files.createDirectory(target.resolve(relative));
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (!attributes.isRegularFile()) {
                LOG.warn("Skipping {}: not a regular file", file);
            } else if (!Manifest.isServiceFile(file.getFileName().toString())) {
                files.add(new SourceFile(file, source.relativize(file).toString().replace('\\', '/'),
                        attributes.size(), attributes.lastModifiedTime().toMillis()));
            }
            return FileVisitResult.CONTINUE;
        }
    }

    private record SourceFile(Path path, String relative, long size, long modifiedMillis) {
    }

    private record Placed(Manifest.Entry entry, boolean linked) {
    }

    /** Puts each file into the new snapshot: a hard link to the previous snapshot's copy when unchanged, else a copy. */
    private static final class Placer {
        private final Path target;
        private final Optional<Path> previous;
        private final Map<String, Manifest.Entry> previousEntries;
        private final boolean compareContent;

        Placer(Path target, Optional<Path> previous, boolean compareContent) {
            this.target = target;
            this.previous = previous;
            this.previousEntries = previous.flatMap(Manifest::read).map(Manifest::byPath).orElse(Map.of());
            this.compareContent = compareContent;
        }

        Placed place(SourceFile file) throws IOException {
            Path destination = target.resolve(file.relative());
            Optional<Manifest.Entry> unchanged = unchanged(file);
            if (unchanged.isPresent()) {
                Files.createLink(destination, previous.orElseThrow().resolve(file.relative()));
                return new Placed(unchanged.get(), true);
            }
            String sha256 = copy(file.path(), destination);
            Files.setLastModifiedTime(destination, FileTime.fromMillis(file.modifiedMillis()));
            Files.setPosixFilePermissions(destination, READ_ONLY);
            return new Placed(new Manifest.Entry(file.relative(), file.size(), file.modifiedMillis(), sha256), false);
        }

        /** The previous snapshot's entry for this file when its copy can be shared. */
        private Optional<Manifest.Entry> unchanged(SourceFile file) throws IOException {
            if (previous.isEmpty()) {
                return Optional.empty();
            }
            Manifest.Entry known = previousEntries.get(file.relative());
            Path old = previous.get().resolve(file.relative());
            if (known == null) {
                // A snapshot without a manifest (made by hand or by the Laravel application): look at the file.
                if (!Files.isRegularFile(old, LinkOption.NOFOLLOW_LINKS)) {
                    return Optional.empty();
                }
                known = new Manifest.Entry(file.relative(), Files.size(old), Files.getLastModifiedTime(old).toMillis(), null);
            }
            if (known.size() != file.size()) {
                return Optional.empty();
            }
            if (compareContent) {
                String current = sha256(file.path());
                String before = known.sha256() != null ? known.sha256() : sha256(old);
                return current.equals(before)
                        ? Optional.of(new Manifest.Entry(file.relative(), file.size(), file.modifiedMillis(), current))
                        : Optional.empty();
            }
            if (known.modifiedMillis() != file.modifiedMillis()) {
                return Optional.empty();
            }
            return Optional.of(known.sha256() != null ? known : new Manifest.Entry(known.path(), known.size(),
                    known.modifiedMillis(), sha256(old)));
        }
    }

    /** Copies a file and returns its sha256, reading it once. */
    private static String copy(Path from, Path to) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(from);
                OutputStream out = Files.newOutputStream(to, java.nio.file.StandardOpenOption.CREATE_NEW)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
                out.write(buffer, 0, read);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException("two source files map to " + to, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(Path file) throws IOException {
        return Sha256.hex(Files.newInputStream(file));
    }
}
