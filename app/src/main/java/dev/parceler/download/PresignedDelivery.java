package dev.parceler.download;

import dev.parceler.snapshot.Manifest;
import dev.parceler.storage.DiskPath;
import dev.parceler.storage.S3Disk;
import dev.parceler.config.S3DownloadMode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.HandlerType;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Files of the s3 disk, by a presigned URL: a 302 to it, so the bytes go from the bucket to the
 * machine directly ({@link S3DownloadMode#REDIRECT}); or an {@code X-Accel-Redirect} to nginx's
 * {@code @parceler_s3} location with the URL in {@code X-Parceler-S3-Url}, and nginx fetches it
 * for the machine without its credentials ({@link S3DownloadMode#NGINX}). The URL names the
 * bucket's address as Parceler resolves it, and {@code X-Parceler-S3-Host} the host it is signed
 * for, so nginx needs no resolver of its own. Whether the file exists is decided without listing
 * the bucket: by the snapshot's manifest (read once: snapshots never change), or by one HEAD
 * request for a folder made by hand.
 */
final class PresignedDelivery implements SnapshotDelivery {
    /** Manifests kept: a few per repository (the served snapshot changes about daily). */
    static final int MANIFESTS = 64;

    /** nginx's internal location that fetches the presigned URL (nginx/parceler.conf.template). */
    static final String NGINX_LOCATION = "@parceler_s3";

    private final S3Disk disk;
    private final Duration validFor;
    private final S3DownloadMode mode;
    // Concurrent: reading one snapshot's manifest from the bucket holds up no other download.
    private final Map<String, Optional<Set<String>>> manifests = new ConcurrentHashMap<>();

    PresignedDelivery(S3Disk disk, Duration validFor, S3DownloadMode mode) {
        this.disk = disk;
        this.validFor = validFor;
        this.mode = mode;
    }

    @Override
    public boolean has(String snapshotPath, List<String> segments) {
        String relative = String.join("/", segments);
        if (manifests.size() > MANIFESTS) {
            manifests.clear();
        }
        Optional<Set<String>> listed = manifests.computeIfAbsent(snapshotPath, this::manifestPaths);
        return listed.isPresent() ? listed.get().contains(relative) : disk.head(DiskPath.join(snapshotPath, relative)).isPresent();
    }

    @Override
    public boolean deliver(Context ctx, String snapshotPath, List<String> segments) {
        String relative = String.join("/", segments);
        if (!has(snapshotPath, segments)) {
            return false;
        }
        boolean head = ctx.method() == HandlerType.HEAD;
        URI presigned = disk.presigned(DiskPath.join(snapshotPath, relative), validFor, head);
        if (mode == S3DownloadMode.NGINX) {
            handToNginx(ctx, presigned);
            return true;
        }
        ctx.header("Location", presigned.toString());
        // The URL expires: no cache may keep the redirect longer than it is valid.
        ctx.header("Cache-Control", "no-store");
        ctx.status(HttpStatus.FOUND);
        return true;
    }

    private static void handToNginx(Context ctx, URI presigned) {
        InetAddress address;
        try {
            // The JVM keeps answers for a while, so this asks the resolver about once per 30 s.
            address = InetAddress.getByName(presigned.getHost());
        } catch (UnknownHostException e) {
            ctx.header("Retry-After", DownloadRoute.RETRY_AFTER_UNAVAILABLE);
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).result("Storage unreachable");
            return;
        }
        String literal = address.getHostAddress();
        if (address instanceof Inet6Address) {
            int scope = literal.indexOf('%');
            literal = "[" + (scope < 0 ? literal : literal.substring(0, scope)) + "]";
        }
        String port = presigned.getPort() < 0 ? "" : ":" + presigned.getPort();
        ctx.header("X-Accel-Redirect", NGINX_LOCATION);
        ctx.header("X-Parceler-S3-Url", presigned.getScheme() + "://" + literal + port + presigned.getRawPath()
                + (presigned.getRawQuery() == null ? "" : "?" + presigned.getRawQuery()));
        ctx.header("X-Parceler-S3-Host", presigned.getHost() + port);
        ctx.header("X-Parceler-S3-Name", presigned.getHost());
        ctx.status(HttpStatus.OK);
    }

    /** The files a snapshot's manifest lists; empty for folders without one (made by hand). */
    private Optional<Set<String>> manifestPaths(String snapshotPath) {
        return disk.read(DiskPath.join(snapshotPath, Manifest.FILE_NAME))
                .flatMap(Manifest::fromBytes)
                .map(manifest -> manifest.files().stream().map(Manifest.Entry::path).collect(Collectors.toUnmodifiableSet()));
    }
}
