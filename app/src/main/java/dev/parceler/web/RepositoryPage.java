package dev.parceler.web;

import dev.parceler.audit.AuditEvent;
import dev.parceler.audit.AuditLog;
import dev.parceler.repository.Repository;
import dev.parceler.repository.Ring;
import dev.parceler.repository.RingStore;
import dev.parceler.signature.TrustedKeyStore;
import dev.parceler.snapshot.ServedSnapshot;
import dev.parceler.snapshot.Manifest;
import dev.parceler.snapshot.SnapshotCatalog;
import dev.parceler.sync.JobRun;
import dev.parceler.sync.RunHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The facts of {@code /repositories/{name}}: settings, snapshots, what goes live next, runs and console actions. */
final class RepositoryPage {
    static final int RUNS = 10;
    static final int EVENTS = 20;
    static final int OUTPUT_TAIL = 20;
    static final int CHANGES_LISTED = 50;

    private final SnapshotCatalog catalog;
    private final SnapshotManifests manifests;
    private final RunHistory runs;
    private final AuditLog audit;
    private final RingStore rings;
    private final TrustedKeyStore trustedKeys;

    RepositoryPage(SnapshotCatalog catalog, SnapshotManifests manifests, RunHistory runs, AuditLog audit, RingStore rings,
            TrustedKeyStore trustedKeys) {
        this.rings = rings;
        this.trustedKeys = trustedKeys;
        this.catalog = catalog;
        this.manifests = manifests;
        this.runs = runs;
        this.audit = audit;
    }

    /** One snapshot folder: whether it is served, and its files as its manifest lists them (null counts for folders made by hand). */
    record SnapshotRow(String name, boolean served, boolean frozenOn, Long files, Long bytes) {
    }

    /** A run with the last lines of its output. */
    record RunRow(JobRun run, List<String> tail) {
    }

    /** What changes when the next snapshot goes live: counts, and the first paths of each kind. */
    record Changes(String from, String to, int added, int removed, int changed, List<String> addedPaths, List<String> removedPaths,
            List<String> changedPaths) {
    }

    /** A rollout ring and the snapshot it serves now. */
    record RingRow(Ring ring, String serving) {
    }

    /** {@code trustedKeys}: the ids of the keys its feeds must be signed with; empty when signatures are not checked. */
    record View(Repository repository, ServiceStatus.RepositoryStatus status, List<SnapshotRow> snapshots, Changes changes,
            List<RunRow> runs, List<AuditEvent> events, List<RingRow> rings, List<String> trustedKeys) {
    }

    View of(Repository repository, ServiceStatus.RepositoryStatus status) {
        List<SnapshotRow> rows = new ArrayList<>();
        Optional<Manifest> servedManifest = Optional.empty();
        Optional<Manifest> nextManifest = Optional.empty();
        for (String folder : catalog.snapshots(repository)) {
            Optional<Manifest> manifest = manifests.of(catalog.snapshotPath(repository, folder));
            boolean served = folder.equals(status.servedSnapshot());
            if (served) {
                servedManifest = manifest;
            }
            if (folder.equals(status.nextSnapshot())) {
                nextManifest = manifest;
            }
            rows.add(new SnapshotRow(folder, served, repository.freeze().filter(folder::equals).isPresent(),
                    manifest.map(m -> (long) m.files().size()).orElse(null),
                    manifest.map(m -> m.files().stream().mapToLong(Manifest.Entry::size).sum()).orElse(null)));
        }
        java.util.Collections.reverse(rows);
        Changes changes = servedManifest.isPresent() && nextManifest.isPresent()
                ? changes(status.servedSnapshot(), status.nextSnapshot(), servedManifest.get(), nextManifest.get()) : null;
        List<RunRow> runRows = runs.recent(repository.name(), RUNS).stream()
                .map(run -> new RunRow(run, run.output().subList(Math.max(0, run.output().size() - OUTPUT_TAIL), run.output().size())))
                .toList();
        List<RingRow> ringRows = rings.all(repository.name()).stream()
                .map(ring -> new RingRow(ring, catalog.served(repository.withDelay(ring.delay())).map(ServedSnapshot::folder).orElse(null)))
                .toList();
        List<String> keys = trustedKeys.keyring(repository.name()).keys().stream().map(key -> key.kind() + " " + key.id()).toList();
        return new View(repository, status, rows, changes, runRows, audit.recent(repository.name(), EVENTS), ringRows, keys);
    }

    static Changes changes(String from, String to, Manifest before, Manifest after) {
        Map<String, Manifest.Entry> old = before.byPath();
        Map<String, Manifest.Entry> now = after.byPath();
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (Manifest.Entry entry : after.files()) {
            Manifest.Entry previous = old.get(entry.path());
            if (previous == null) {
                added.add(entry.path());
            } else if (previous.size() != entry.size() || !java.util.Objects.equals(previous.sha256(), entry.sha256())
                    || !java.util.Objects.equals(previous.etag(), entry.etag())) {
                changed.add(entry.path());
            }
        }
        for (Manifest.Entry entry : before.files()) {
            if (!now.containsKey(entry.path())) {
                removed.add(entry.path());
            }
        }
        added.sort(null);
        changed.sort(null);
        removed.sort(null);
        return new Changes(from, to, added.size(), removed.size(), changed.size(), first(added), first(removed), first(changed));
    }

    private static List<String> first(List<String> paths) {
        return List.copyOf(paths.subList(0, Math.min(CHANGES_LISTED, paths.size())));
    }
}
