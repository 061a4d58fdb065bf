package dev.parceler.snapshot;

import dev.parceler.repository.Repository;
import dev.parceler.storage.DiskPath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * What differs between two snapshots of a repository, from their manifests: files added,
 * removed and changed, and for opkg feeds the packages whose version changed. By default the
 * snapshot served now against the newest one: what goes live next.
 */
public final class SnapshotDiff {
    private final SnapshotCatalog catalog;
    private final Function<String, Optional<byte[]>> files;

    /** @param files reads a file of the disk by its disk path; empty when it is not there */
    public SnapshotDiff(SnapshotCatalog catalog, Function<String, Optional<byte[]>> files) {
        this.catalog = catalog;
        this.files = files;
    }

    /** A package whose version differs; a version is empty where the package is not listed. */
    public record VersionChange(String index, String name, Optional<String> from, Optional<String> to) {
    }

    public record Difference(String from, String to, List<String> added, List<String> removed, List<String> changed,
            List<VersionChange> versions) {
    }

    /** Compares {@code from} (default: the served snapshot) with {@code to} (default: the newest). */
    public Difference compare(Repository repository, Optional<String> from, Optional<String> to) {
        List<String> snapshots = catalog.snapshots(repository);
        String older = from.orElseGet(() -> catalog.served(repository).map(ServedSnapshot::folder)
                .orElseThrow(() -> new FreezeException("Repository '" + repository.name() + "' serves no snapshot to compare.")));
        String newer = to.orElseGet(() -> StablePathSelector.timestamped(snapshots).entrySet().stream()
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElseThrow(() -> new FreezeException("Repository '" + repository.name() + "' has no snapshot.")));
        Map<String, Manifest.Entry> before = manifest(repository, snapshots, older);
        Map<String, Manifest.Entry> after = manifest(repository, snapshots, newer);
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (String path : new TreeSet<>(after.keySet())) {
            Manifest.Entry old = before.get(path);
            if (old == null) {
                added.add(path);
            } else if (!same(old, after.get(path))) {
                changed.add(path);
            }
        }
        for (String path : new TreeSet<>(before.keySet())) {
            if (!after.containsKey(path)) {
                removed.add(path);
            }
        }
        List<VersionChange> versions = new ArrayList<>();
        for (String index : indexes(before, after)) {
            Map<String, String> was = versions(repository, older, before, index);
            Map<String, String> now = versions(repository, newer, after, index);
            for (String name : new TreeSet<>(union(was.keySet(), now.keySet()))) {
                if (!Objects.equals(was.get(name), now.get(name))) {
                    versions.add(new VersionChange(index, name, Optional.ofNullable(was.get(name)), Optional.ofNullable(now.get(name))));
                }
            }
        }
        return new Difference(older, newer, added, removed, changed, versions);
    }

    private static boolean same(Manifest.Entry a, Manifest.Entry b) {
        if (a.size() != b.size()) {
            return false;
        }
        if (a.sha256() != null && b.sha256() != null) {
            return a.sha256().equals(b.sha256());
        }
        if (a.etag() != null && b.etag() != null) {
            return a.etag().equals(b.etag());
        }
        return a.modifiedMillis() == b.modifiedMillis();
    }

    private Map<String, Manifest.Entry> manifest(Repository repository, List<String> snapshots, String snapshot) {
        if (!snapshots.contains(snapshot)) {
            throw new FreezeException("Snapshot '" + snapshot + "' of repository '" + repository.name() + "' does not exist in "
                    + catalog.repositoryFolder(repository) + ".");
        }
        return files.apply(DiskPath.join(catalog.snapshotPath(repository, snapshot), Manifest.FILE_NAME))
                .flatMap(Manifest::fromBytes)
                .map(Manifest::byPath)
                .orElseThrow(() -> new FreezeException("Snapshot '" + snapshot + "' of repository '" + repository.name()
                        + "' has no manifest (made by hand?): it cannot be compared."));
    }

    /** Folders holding an opkg index in either snapshot, each named by the index read there (Packages before Packages.gz). */
    private static TreeSet<String> indexes(Map<String, Manifest.Entry> before, Map<String, Manifest.Entry> after) {
        TreeSet<String> folders = new TreeSet<>();
        for (Map<String, Manifest.Entry> side : List.of(before, after)) {
            for (String path : side.keySet()) {
                String name = path.substring(path.lastIndexOf('/') + 1);
                if (name.equals(FeedCheck.PACKAGES) || name.equals(FeedCheck.PACKAGES_GZ)) {
                    folders.add(FeedCheck.folder(path));
                }
            }
        }
        return folders;
    }

    /** Package name → version in a folder's index; empty when the folder has no index there. */
    private Map<String, String> versions(Repository repository, String snapshot, Map<String, Manifest.Entry> manifest, String folder) {
        String prefix = folder.isEmpty() ? "" : folder + "/";
        Map<String, String> versions = new TreeMap<>();
        boolean plain = manifest.containsKey(prefix + FeedCheck.PACKAGES);
        if (!plain && !manifest.containsKey(prefix + FeedCheck.PACKAGES_GZ)) {
            return versions;
        }
        String path = DiskPath.join(catalog.snapshotPath(repository, snapshot), prefix + (plain ? FeedCheck.PACKAGES : FeedCheck.PACKAGES_GZ));
        Optional<byte[]> bytes = files.apply(path);
        if (bytes.isEmpty()) {
            return versions;
        }
        try (InputStream in = plain ? new ByteArrayInputStream(bytes.get()) : new GZIPInputStream(new ByteArrayInputStream(bytes.get()))) {
            for (FeedCheck.Stanza stanza : FeedCheck.parse(in)) {
                if (stanza.name != null) {
                    versions.put(stanza.name, stanza.version == null ? "" : stanza.version);
                }
            }
        } catch (IOException e) {
            throw new SnapshotException("Cannot read " + path + ": " + e.getMessage(), e);
        }
        return versions;
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
