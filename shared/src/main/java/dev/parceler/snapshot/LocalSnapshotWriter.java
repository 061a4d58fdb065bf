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
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
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
    private static final Set<PosixFilePermission> READ_ONLY = Set.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);

    private final LocalDisk disk;
    private final String sourceFolder;
    private final SnapshotCatalog catalog;
    private final Clock clock;

    public LocalSnapshotWriter(LocalDisk disk, String sourceFolder, SnapshotCatalog catalog, Clock clock) {
        this.disk = disk;
        this.sourceFolder = sourceFolder;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public SnapshotWrite write(Repository repository) {
        String sourcePath = DiskPath.join(sourceFolder, repository.name(), repository.subDir().orElse(""));
        Path source = disk.resolve(sourcePath);
        if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new SnapshotException("Nothing to snapshot: " + sourcePath + " is not a folder on the disk.");
        }
        Path snapshots = disk.resolve(catalog.repositoryFolder(repository));
        try {
            Files.createDirectories(snapshots);
            removeLeftovers(snapshots);
            Optional<Path> previous = newestSnapshot(repository, snapshots);
            String name = freeName(snapshots);
            Path building = snapshots.resolve("." + name + BUILDING_SUFFIX);
            Files.createDirectory(building);
            Copier copier = new Copier(source, building, previous, repository.compareContent());
            Files.walkFileTree(source, copier);
            Manifest manifest = new Manifest(1, copier.entries);
            verify(building, manifest);
            manifest.write(building);
            Files.setPosixFilePermissions(building.resolve(Manifest.FILE_NAME), READ_ONLY);
            Files.move(building, snapshots.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            CopyStats stats = new CopyStats(copier.filesCopied, copier.filesLinked, copier.bytesCopied, copier.bytesLinked);
            LOG.info("[{}] snapshot {}: {} files copied ({} bytes), {} linked ({} bytes)", repository.name(), name,
                    stats.filesCopied(), stats.bytesCopied(), stats.filesLinked(), stats.bytesLinked());
            return new SnapshotWrite(name, stats);
        } catch (IOException | UncheckedIOException e) {
            throw new SnapshotException("Snapshot of " + repository.name() + " failed: " + e.getMessage(), e);
        }
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

    /** The current second, or the next free one when a snapshot was already taken this second. */
    private String freeName(Path snapshots) {
        Instant at = clock.instant();
        String name = SnapshotTimestamp.format(at, clock.getZone());
        while (Files.exists(snapshots.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
            at = at.plusSeconds(1);
            name = SnapshotTimestamp.format(at, clock.getZone());
        }
        return name;
    }

    private static void verify(Path building, Manifest manifest) throws IOException {
        for (Manifest.Entry entry : manifest.files()) {
            Path file = building.resolve(entry.path());
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) != entry.size()) {
                throw new IOException("snapshot check failed: " + entry.path() + " is missing or has the wrong size");
            }
        }
        long files;
        try (var walk = Files.walk(building)) {
            files = walk.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)).count();
        }
        if (files != manifest.files().size()) {
            throw new IOException("snapshot check failed: " + files + " files written, manifest lists " + manifest.files().size());
        }
    }

    private static final class Copier extends SimpleFileVisitor<Path> {
        private final Path source;
        private final Path target;
        private final Optional<Path> previous;
        private final Map<String, Manifest.Entry> previousEntries;
        private final boolean compareContent;
        final List<Manifest.Entry> entries = new ArrayList<>();
        long filesCopied;
        long filesLinked;
        long bytesCopied;
        long bytesLinked;

        Copier(Path source, Path target, Optional<Path> previous, boolean compareContent) {
            this.source = source;
            this.target = target;
            this.previous = previous;
            this.previousEntries = previous.flatMap(Manifest::read).map(Manifest::byPath).orElse(Map.of());
            this.compareContent = compareContent;
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
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
            String relative = source.relativize(file).toString().replace('\\', '/');
            if (!attributes.isRegularFile()) {
                LOG.warn("Skipping {}: not a regular file", file);
                return FileVisitResult.CONTINUE;
            }
            if (Manifest.isServiceFile(file.getFileName().toString())) {
                return FileVisitResult.CONTINUE;
            }
            long size = attributes.size();
            long modified = attributes.lastModifiedTime().toMillis();
            Path destination = target.resolve(relative);
            Optional<Manifest.Entry> unchanged = unchanged(file, relative, size, modified);
            if (unchanged.isPresent()) {
                Files.createLink(destination, previous.orElseThrow().resolve(relative));
                entries.add(unchanged.get());
                filesLinked++;
                bytesLinked += size;
            } else {
                String sha256 = copy(file, destination);
                Files.setLastModifiedTime(destination, FileTime.fromMillis(modified));
                Files.setPosixFilePermissions(destination, READ_ONLY);
                entries.add(new Manifest.Entry(relative, size, modified, sha256));
                filesCopied++;
                bytesCopied += size;
            }
            return FileVisitResult.CONTINUE;
        }

        /** The previous snapshot's entry for this file when its copy can be shared. */
        private Optional<Manifest.Entry> unchanged(Path file, String relative, long size, long modified) throws IOException {
            if (previous.isEmpty()) {
                return Optional.empty();
            }
            Manifest.Entry known = previousEntries.get(relative);
            if (known == null) {
                // A snapshot without a manifest (made by hand or by the Laravel application): look at the file.
                Path old = previous.get().resolve(relative);
                if (!Files.isRegularFile(old, LinkOption.NOFOLLOW_LINKS)) {
                    return Optional.empty();
                }
                known = new Manifest.Entry(relative, Files.size(old), Files.getLastModifiedTime(old).toMillis(),
                        compareContent ? sha256(old) : null);
            }
            if (known.size() != size) {
                return Optional.empty();
            }
            if (compareContent) {
                String current = sha256(file);
                return current.equals(known.sha256()) ? Optional.of(new Manifest.Entry(relative, size, modified, current)) : Optional.empty();
            }
            if (known.modifiedMillis() != modified) {
                return Optional.empty();
            }
            return Optional.of(known.sha256() == null ? new Manifest.Entry(relative, size, modified, sha256(previous.get().resolve(relative))) : known);
        }
    }

    private static String copy(Path from, Path to) throws IOException {
        MessageDigest digest = sha256Digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(from), digest);
                OutputStream out = Files.newOutputStream(to, java.nio.file.StandardOpenOption.CREATE_NEW)) {
            in.transferTo(out);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("two source files map to " + to, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256Digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
