package dev.parceler.download;

import dev.parceler.auth.Authorizer;
import dev.parceler.auth.MachineCredentials;
import dev.parceler.auth.Realm;
import dev.parceler.auth.Verdict;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.snapshot.SnapshotCatalog;
import dev.parceler.storage.LocalDisk;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * {@code GET|HEAD /repository/{community|enterprise}/{name}/{path...}}, checked in this order:
 * credentials (401 with a Basic challenge: opkg's wget sends them only then), repository (404),
 * subscription (403, or 503 when it cannot be asked), file inside the served snapshot (404),
 * then the file itself, or an {@code X-Accel-Redirect} to it for nginx to send.
 */
public final class DownloadRoute implements Handler {
    /** Request attribute: the system id of the machine, for the access log. */
    public static final String MACHINE = "parceler.machine";
    static final String RETRY_AFTER_UNAVAILABLE = "60";
    /**
     * Mappings kept for reuse: address space, not memory (the page cache holds the bytes either
     * way); a mapping of a deleted snapshot file holds its disk space until evicted, so keep it modest.
     */
    static final long MAPPED_BYTES = 1024L * 1024 * 1024;
    static final int MAPPED_COUNT = 8192;

    private final KnownRepositories repositories;
    private final Authorizer authorizer;
    private final ServedSnapshots snapshots;
    private final LocalDisk disk;
    private final Optional<String> xAccelPrefix;
    private final LocalFileResponse files = new LocalFileResponse(new MappedFiles(MAPPED_BYTES, MAPPED_COUNT));
    private final AtomicInteger sending = new AtomicInteger();
    private volatile long lastSentNanos = System.nanoTime() - Duration.ofHours(1).toNanos();

    public DownloadRoute(RepositoryStore repositories, Authorizer authorizer, SnapshotCatalog catalog, LocalDisk disk,
            Optional<String> xAccelPrefix, Clock clock) {
        this.repositories = new KnownRepositories(repositories, clock);
        this.authorizer = authorizer;
        this.snapshots = new ServedSnapshots(catalog, disk, clock);
        this.disk = disk;
        this.xAccelPrefix = xAccelPrefix;
    }

    @Override
    public void handle(Context ctx) throws Exception {
        Optional<Realm> realm = Realm.of(ctx.pathParam("realm"));
        if (realm.isEmpty()) {
            ctx.status(404).result("Not Found");
            return;
        }
        Optional<MachineCredentials> credentials = BasicCredentials.parse(ctx.header("Authorization"));
        if (credentials.isEmpty()) {
            ctx.header("WWW-Authenticate", "Basic realm=\"Parceler\", charset=\"UTF-8\"");
            ctx.status(401).result("Unauthorized");
            return;
        }
        ctx.attribute(MACHINE, credentials.get().systemId());
        Optional<Repository> repository = repositories.find(ctx.pathParam("name"));
        if (repository.isEmpty()) {
            ctx.status(404).result("Not Found");
            return;
        }
        Verdict verdict = authorizer.authorize(realm.get(), credentials.get());
        if (verdict instanceof Verdict.Refused) {
            ctx.status(403).result("Forbidden");
            return;
        }
        if (verdict instanceof Verdict.Unavailable) {
            ctx.header("Retry-After", RETRY_AFTER_UNAVAILABLE);
            ctx.status(503).result("Subscription service unavailable");
            return;
        }
        Optional<Path> file = file(repository.get(), ctx.req().getRequestURI());
        Optional<LocalFileResponse.FileFacts> facts = file.isEmpty() ? Optional.empty() : LocalFileResponse.facts(file.get());
        if (facts.isEmpty()) {
            ctx.status(404).result("Not Found");
            return;
        }
        send(ctx, file.get(), facts.get());
    }

    /** The requested path inside the served snapshot, if it names nothing outside it. */
    private Optional<Path> file(Repository repository, String rawPath) throws IOException {
        Optional<List<String>> segments = RequestPath.fileSegments(rawPath, 3);
        Optional<String> served = snapshots.servedPath(repository);
        if (segments.isEmpty() || served.isEmpty()) {
            return Optional.empty();
        }
        Path snapshot = disk.resolve(served.get());
        Path file = snapshot;
        for (String segment : segments.get()) {
            file = file.resolve(segment);
        }
        // Snapshots Parceler writes hold no links; a folder made by hand may: check only the folders that are links.
        for (Path folder = file.getParent(); !folder.equals(snapshot); folder = folder.getParent()) {
            if (Files.isSymbolicLink(folder)) {
                return Optional.empty();
            }
        }
        return Optional.of(file);
    }

    private void send(Context ctx, Path file, LocalFileResponse.FileFacts facts) throws IOException {
        ctx.disableCompression();
        if (xAccelPrefix.isPresent()) {
            // file() has ruled out links, so the resolved path is the file's place on the disk.
            String diskPath = disk.root().relativize(file).toString();
            String encoded = List.of(diskPath.split("/")).stream()
                    .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
                    .collect(Collectors.joining("/"));
            ctx.header("X-Accel-Redirect", xAccelPrefix.get() + "/" + encoded);
            ctx.contentType(LocalFileResponse.contentType(file.getFileName().toString()));
            ctx.status(200);
            return;
        }
        sending.incrementAndGet();
        try {
            files.send(ctx.req(), ctx.res(), file, facts, ctx.method() == HandlerType.HEAD);
        } finally {
            lastSentNanos = System.nanoTime();
            sending.decrementAndGet();
        }
    }

    /** Downloads whose bytes are being written now. */
    public int sending() {
        return sending.get();
    }

    /** How long ago the last download handed its last bytes to the socket. */
    public Duration sinceLastSent() {
        return Duration.ofNanos(System.nanoTime() - lastSentNanos);
    }
}
