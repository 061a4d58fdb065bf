package dev.parceler.download;

import dev.parceler.auth.Authorizer;
import dev.parceler.auth.MachineCredentials;
import dev.parceler.auth.Realm;
import dev.parceler.auth.ReleaseTokens;
import dev.parceler.auth.Verdict;
import dev.parceler.config.S3DownloadMode;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.repository.Ring;
import dev.parceler.snapshot.SwitchGrace;
import dev.parceler.storage.LocalDisk;
import dev.parceler.storage.S3Disk;
import dev.parceler.volume.Deliveries;
import dev.parceler.volume.Volume;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET|HEAD /repository/{community|enterprise}/{name}/{path...}}, checked in this order:
 * credentials (401 with a Basic challenge: opkg's wget sends them only then), repository (404),
 * subscription (401 refused, as NethSecurity's {@code ns.update} reads "unauthorized"; 503 when it
 * cannot be asked), file inside the served snapshot (404),
 * then the file as the disk delivers it: the bytes or an {@code X-Accel-Redirect} (local), a
 * redirect to a presigned URL or an {@code X-Accel-Redirect} for nginx to fetch it (s3).
 * The served snapshot is the one of the machine's rollout ring, if any. Within {@code SWITCH_GRACE} of a switch, a machine's files come from the snapshot it fetched
 * their folder's index from, and a file the served snapshot lacks from the snapshots served before.
 */
public final class DownloadRoute implements Handler {
    /** Request attribute: the system id of the machine, for the access log. */
    public static final String MACHINE = "parceler.machine";
    static final String RETRY_AFTER_UNAVAILABLE = "60";

    /** Who may read a repository as it was: the staff machines ({@code STAFF_MACHINES}) and the release token. */
    public record StaffAccess(java.util.Set<String> machines, ReleaseTokens tokens) {
    }

    private final KnownRepositories repositories;
    private final StaffAccess staff;
    private final Authorizer authorizer;
    private final ServedSnapshots snapshots;
    private final SnapshotDelivery delivery;
    private final ClientAddress clients;
    private final AtomicInteger sending = new AtomicInteger();
    private volatile long lastSentNanos = System.nanoTime() - Duration.ofHours(1).toNanos();

    DownloadRoute(RepositoryStore repositories, Authorizer authorizer, ServedSnapshots snapshots, SnapshotDelivery delivery,
            StaffAccess staff, ClientAddress clients) {
        this.repositories = new KnownRepositories(repositories);
        this.staff = staff;
        this.authorizer = authorizer;
        this.snapshots = snapshots;
        this.delivery = delivery;
        this.clients = clients;
    }

    /** Downloads of the volume's files, delivered as the volume's kind delivers them. */
    public static DownloadRoute on(Volume volume, RepositoryStore repositories, Authorizer authorizer, ServedSnapshots snapshots,
            StaffAccess staff, ClientAddress clients) {
        return new DownloadRoute(repositories, authorizer, snapshots, volume.delivery(new SnapshotDeliveries()), staff, clients);
    }

    /** One delivery per volume kind, which the volume picks. */
    private static final class SnapshotDeliveries implements Deliveries<SnapshotDelivery> {
        @Override
        public SnapshotDelivery local(LocalDisk disk, Optional<String> xAccelPrefix) {
            return new LocalDelivery(disk, xAccelPrefix);
        }

        @Override
        public SnapshotDelivery presigned(S3Disk disk, Duration validFor, S3DownloadMode mode) {
            return new PresignedDelivery(disk, validFor, mode);
        }
    }

    @Override
    public void handle(Context ctx) throws Exception {
        RequestPath path = RequestPath.of(ctx.req().getRequestURI());
        Optional<Realm> realm = path.segment(2).flatMap(Realm::of);
        if (realm.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).result("Not Found");
            return;
        }
        if (path.segment(4).filter(segment -> segment.startsWith("@")).isPresent()) {
            readAsItWas(ctx, path, realm.get());
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
            ctx.status(HttpStatus.NOT_FOUND).result("Not Found");
            return;
        }
        if (!authorized(ctx, realm.get(), credentials.get())) {
            return;
        }
        Optional<List<String>> segments = path.fileSegments(3);
        Machine machine = new Machine(authorizer.identity(realm.get(), credentials.get()), credentials.get().systemId(),
                authorizer.verifiesSystemId(realm.get()));
        Optional<Ring> ring = snapshots.ring(repository.get(), machine.claimedId(), machine.verified());
        Optional<ServedSnapshots.Served> served = segments.isEmpty() ? Optional.empty() : snapshots.served(repository.get(), ring);
        if (served.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).result("Not Found");
            return;
        }
        sending.incrementAndGet();
        try {
            ActiveContent.guard(ctx, segments.get().get(segments.get().size() - 1));
            if (!deliver(ctx, repository.get(), ring, served.get(), machine, segments.get())) {
                ctx.status(HttpStatus.NOT_FOUND).result("Not Found");
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
    private boolean deliver(Context ctx, Repository repository, Optional<Ring> ring, ServedSnapshots.Served servedToRing,
            Machine machine, List<String> segments) throws Exception {
        String folder = String.join("/", segments.subList(0, segments.size() - 1));
        // A folder in the fast lane comes whole from the lane's snapshot: its index, signature and packages alike.
        ServedSnapshots.Served served = servedToRing.forFolder(folder);
        boolean index = SwitchGrace.isIndex(segments.get(segments.size() - 1));
        if (index) {
            // Pinned before the index is sent: the machine's next request (the signature) may come before a later write.
            // Only an index the snapshot has: a folder made up in the request pins nothing.
            if (delivery.has(served.path(), segments)) {
                snapshots.fetchedIndex(repository, ring, served, machine, folder);
            }
        } else {
            Optional<String> pinned = snapshots.pinnedPath(repository, served, machine.identity(), folder);
            if (pinned.isPresent() && delivery.deliver(ctx, pinned.get(), segments)) {
                return true;
            }
        }
        if (delivery.deliver(ctx, served.path(), segments)) {
            return true;
        }
        Optional<ServedSnapshots.Served> now = snapshots.served(repository, ring).map(current -> current.forFolder(folder));
        if (now.isPresent() && !now.get().path().equals(served.path())) {
            if (index && delivery.has(now.get().path(), segments)) {
                snapshots.fetchedIndex(repository, ring, now.get(), machine, folder);
            }
            if (delivery.deliver(ctx, now.get().path(), segments)) {
                return true;
            }
        }
        for (String previous : snapshots.previousPaths(repository, now.orElse(served))) {
            if (delivery.deliver(ctx, previous, segments)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code /repository/{realm}/{name}/@<ISO timestamp>/<path>}: the file as the repository held
     * it then (the newest snapshot taken by that time), for staff reproducing what a machine saw.
     * The release token, or Basic credentials of a machine both subscribed and in {@code
     * STAFF_MACHINES} (403 for any other machine); the snapshot is named in {@code
     * X-Parceler-Snapshot}.
     */
    private void readAsItWas(Context ctx, RequestPath path, Realm realm) throws Exception {
        boolean token = staff.tokens().bearer(ctx.header("Authorization"));
        Optional<MachineCredentials> credentials = token ? Optional.empty() : BasicCredentials.parse(ctx.header("Authorization"));
        if (!token && credentials.isEmpty()) {
            challenge(ctx);
            return;
        }
        credentials.ifPresent(machine -> ctx.attribute(MACHINE, machine.systemId()));
        Optional<Repository> repository = path.segment(3).flatMap(repositories::find);
        if (repository.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).result("Not Found");
            return;
        }
        if (credentials.isPresent()) {
            if (!authorized(ctx, realm, credentials.get())) {
                return;
            }
            // A staff id counts only where the realm's check vouches for it: a community secret says nothing of the id.
            if (!staff.machines().contains(credentials.get().systemId()) || !authorizer.verifiesSystemId(realm)) {
                ctx.status(HttpStatus.FORBIDDEN).result("Forbidden: reading a repository as it was is for staff machines"
                        + " (STAFF_MACHINES) of a realm that verifies system ids (enterprise), or the release token");
                return;
            }
        }
        Optional<java.time.Instant> at = instant(path.segment(4).orElseThrow().substring(1));
        if (at.isEmpty()) {
            ctx.status(HttpStatus.BAD_REQUEST).result("Bad Request: '" + path.segment(4).orElseThrow()
                    + "' is not an ISO 8601 time, such as @2026-11-20T00:00:00Z or @2026-11-20T01:00:00+01:00");
            return;
        }
        Optional<List<String>> segments = path.fileSegments(4);
        Optional<Map.Entry<String, String>> snapshot = segments.isEmpty() ? Optional.empty() : snapshots.asOf(repository.get(), at.get());
        if (snapshot.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).result("Not Found");
            return;
        }
        ctx.header("X-Parceler-Snapshot", snapshot.get().getKey());
        sending.incrementAndGet();
        try {
            ActiveContent.guard(ctx, segments.get().get(segments.get().size() - 1));
            if (!delivery.deliver(ctx, snapshot.get().getValue(), segments.get())) {
                ctx.status(HttpStatus.NOT_FOUND).result("Not Found");
            }
        } finally {
            lastSentNanos = System.nanoTime();
            sending.decrementAndGet();
        }
    }

    private static Optional<java.time.Instant> instant(String text) {
        try {
            return Optional.of(java.time.OffsetDateTime.parse(text).toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The subscription check; false, with the answer given, when the machine may not download. */
    private boolean authorized(Context ctx, Realm realm, MachineCredentials credentials) {
        Verdict verdict = authorizer.authorize(realm, credentials, clients.of(ctx));
        if (verdict instanceof Verdict.Refused) {
            // The challenge too, as every 401 must carry one (RFC 9110 §15.5.2): wget asks again only once,
            // with the same credentials, so it stops at this answer; a browser asks its user for others.
            challenge(ctx);
            return false;
        }
        if (verdict instanceof Verdict.Unavailable) {
            ctx.header("Retry-After", RETRY_AFTER_UNAVAILABLE);
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).result("Subscription service unavailable");
            return false;
        }
        return true;
    }

    /** The nginx front answers this same challenge itself (nginx/parceler.conf.template); NginxChallengeIT keeps them equal. */
    private static void challenge(Context ctx) {
        ctx.header("WWW-Authenticate", "Basic realm=\"Parceler\", charset=\"UTF-8\"");
        ctx.status(HttpStatus.UNAUTHORIZED).result("Unauthorized");
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
