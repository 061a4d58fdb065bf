package dev.parceler.download;

import dev.parceler.auth.Authorizer;
import dev.parceler.auth.MachineCredentials;
import dev.parceler.auth.Realm;
import dev.parceler.auth.Verdict;
import dev.parceler.config.S3DownloadMode;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.snapshot.SnapshotCatalog;
import dev.parceler.snapshot.SnapshotChanges;
import dev.parceler.snapshot.SwitchGrace;
import dev.parceler.storage.LocalDisk;
import dev.parceler.storage.S3Disk;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET|HEAD /repository/{community|enterprise}/{name}/{path...}}, checked in this order:
 * credentials (401 with a Basic challenge: opkg's wget sends them only then), repository (404),
 * subscription (401 refused, as NethSecurity's {@code ns.update} reads "unauthorized"; 503 when it
 * cannot be asked), file inside the served snapshot (404),
 * then the file as the disk delivers it: the bytes or an {@code X-Accel-Redirect} (local), a
 * redirect to a presigned URL or an {@code X-Accel-Redirect} for nginx to fetch it (s3).
 * Within {@code SWITCH_GRACE} of a switch, a machine's files come from the snapshot it fetched
 * their folder's index from, and a file the served snapshot lacks from the snapshots served before.
 */
public final class DownloadRoute implements Handler {
    /** Request attribute: the system id of the machine, for the access log. */
    public static final String MACHINE = "parceler.machine";
    static final String RETRY_AFTER_UNAVAILABLE = "60";

    private final KnownRepositories repositories;
    private final Authorizer authorizer;
    private final ServedSnapshots snapshots;
    private final SnapshotDelivery delivery;
    private final AtomicInteger sending = new AtomicInteger();
    private volatile long lastSentNanos = System.nanoTime() - Duration.ofHours(1).toNanos();

    DownloadRoute(RepositoryStore repositories, Authorizer authorizer, ServedSnapshots snapshots, SnapshotDelivery delivery) {
        this.repositories = new KnownRepositories(repositories);
        this.authorizer = authorizer;
        this.snapshots = snapshots;
        this.delivery = delivery;
    }

    /** Downloads of the local disk's files: sent, or handed to nginx under {@code xAccelPrefix}. */
    public static DownloadRoute local(RepositoryStore repositories, Authorizer authorizer, SnapshotCatalog catalog,
            SnapshotChanges changes, SwitchGrace grace, LocalDisk disk, Optional<String> xAccelPrefix, Clock clock) {
        return new DownloadRoute(repositories, authorizer, new ServedSnapshots(catalog, disk, changes, clock, grace),
                new LocalDelivery(disk, xAccelPrefix));
    }

    /** Downloads of the s3 disk's files, by presigned URLs valid {@code validFor}: redirected, or fetched by nginx. */
    public static DownloadRoute presigned(RepositoryStore repositories, Authorizer authorizer, SnapshotCatalog catalog,
            SnapshotChanges changes, SwitchGrace grace, S3Disk disk, Duration validFor, S3DownloadMode mode, Clock clock) {
        return new DownloadRoute(repositories, authorizer, new ServedSnapshots(catalog, disk, changes, clock, grace),
                new PresignedDelivery(disk, validFor, mode));
    }

    @Override
    public void handle(Context ctx) throws Exception {
        RequestPath path = RequestPath.of(ctx.req().getRequestURI());
        Optional<Realm> realm = path.segment(2).flatMap(Realm::of);
        if (realm.isEmpty()) {
            ctx.status(404).result("Not Found");
            return;
        }
        Optional<MachineCredentials> credentials = BasicCredentials.parse(ctx.header("Authorization"));
        if (credentials.isEmpty()) {
            challenge(ctx);
            return;
        }
        ctx.attribute(MACHINE, credentials.get().systemId());
        Optional<Repository> repository = path.segment(3).flatMap(repositories::find);
        if (repository.isEmpty()) {
            ctx.status(404).result("Not Found");
            return;
        }
        Verdict verdict = authorizer.authorize(realm.get(), credentials.get());
        if (verdict instanceof Verdict.Refused) {
            // The challenge too, as every 401 must carry one (RFC 9110 §15.5.2): wget asks again only once,
            // with the same credentials, so it stops at this answer; a browser asks its user for others.
            challenge(ctx);
            return;
        }
        if (verdict instanceof Verdict.Unavailable) {
            ctx.header("Retry-After", RETRY_AFTER_UNAVAILABLE);
            ctx.status(503).result("Subscription service unavailable");
            return;
        }
        Optional<List<String>> segments = path.fileSegments(3);
        Optional<ServedSnapshots.Served> served = segments.isEmpty() ? Optional.empty() : snapshots.served(repository.get());
        if (served.isEmpty()) {
            ctx.status(404).result("Not Found");
            return;
        }
        sending.incrementAndGet();
        try {
            if (!deliver(ctx, repository.get(), served.get(), credentials.get().systemId(), segments.get())) {
                ctx.status(404).result("Not Found");
            }
        } finally {
            lastSentNanos = System.nanoTime();
            sending.decrementAndGet();
        }
    }

    /**
     * Answers with the file from the snapshot it belongs to for this machine; false, with nothing
     * answered, when no snapshot has it. A feed index always comes from the served snapshot and pins
     * the machine there; any other file first from the snapshot its folder is pinned to (during a
     * switch's grace), then from the served one; then, as a release or a cleanup may have moved the
     * repository between the look-up and the file, from the snapshot served now, and last from
     * those served before within the grace.
     */
    private boolean deliver(Context ctx, Repository repository, ServedSnapshots.Served served, String systemId, List<String> segments)
            throws Exception {
        String folder = String.join("/", segments.subList(0, segments.size() - 1));
        boolean index = SwitchGrace.isIndex(segments.get(segments.size() - 1));
        if (!index) {
            Optional<String> pinned = snapshots.pinnedPath(repository, served, systemId, folder);
            if (pinned.isPresent() && delivery.deliver(ctx, pinned.get(), segments)) {
                return true;
            }
        }
        if (delivery.deliver(ctx, served.path(), segments)) {
            if (index) {
                snapshots.fetchedIndex(repository, served, systemId, folder);
            }
            return true;
        }
        Optional<ServedSnapshots.Served> now = snapshots.served(repository);
        if (now.isPresent() && !now.get().path().equals(served.path()) && delivery.deliver(ctx, now.get().path(), segments)) {
            if (index) {
                snapshots.fetchedIndex(repository, now.get(), systemId, folder);
            }
            return true;
        }
        for (String previous : snapshots.previousPaths(repository, now.orElse(served))) {
            if (delivery.deliver(ctx, previous, segments)) {
                return true;
            }
        }
        return false;
    }

    /** The nginx front answers this same challenge itself (nginx/parceler.conf.template); NginxChallengeIT keeps them equal. */
    private static void challenge(Context ctx) {
        ctx.header("WWW-Authenticate", "Basic realm=\"Parceler\", charset=\"UTF-8\"");
        ctx.status(401).result("Unauthorized");
    }

    /** Downloads being answered now. */
    public int sending() {
        return sending.get();
    }

    /** How long ago the last download handed its last bytes to the socket. */
    public Duration sinceLastSent() {
        return Duration.ofNanos(System.nanoTime() - lastSentNanos);
    }
}
