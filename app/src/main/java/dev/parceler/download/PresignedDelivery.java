package dev.parceler.download;

import dev.parceler.snapshot.Manifest;
import dev.parceler.storage.DiskPath;
import dev.parceler.storage.S3Disk;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Files of the s3 disk: a 302 to a presigned URL, so the bytes go from the bucket to the machine
 * directly. Whether the file exists is decided without listing the bucket: by the snapshot's
 * manifest (read once: snapshots never change), or by one HEAD request for a folder made by hand.
 */
final class PresignedDelivery implements SnapshotDelivery {
    /** Manifests kept: a few per repository (the served snapshot changes about daily). */
    static final int MANIFESTS = 64;

    private final S3Disk disk;
    private final Duration validFor;
    // Concurrent: reading one snapshot's manifest from the bucket holds up no other download.
    private final Map<String, Optional<Set<String>>> manifests = new ConcurrentHashMap<>();

    PresignedDelivery(S3Disk disk, Duration validFor) {
        this.disk = disk;
        this.validFor = validFor;
    }

    @Override
    public boolean deliver(Context ctx, String snapshotPath, List<String> segments) {
        String relative = String.join("/", segments);
        if (manifests.size() > MANIFESTS) {
            manifests.clear();
        }
        Optional<Set<String>> listed = manifests.computeIfAbsent(snapshotPath, this::manifestPaths);
        boolean exists = listed.isPresent() ? listed.get().contains(relative)
                : disk.head(DiskPath.join(snapshotPath, relative)).isPresent();
        if (!exists) {
            return false;
        }
        boolean head = ctx.method() == HandlerType.HEAD;
        ctx.header("Location", disk.presigned(DiskPath.join(snapshotPath, relative), validFor, head).toString());
        // The URL expires: no cache may keep the redirect longer than it is valid.
        ctx.header("Cache-Control", "no-store");
        ctx.status(302);
        return true;
    }

    /** The files a snapshot's manifest lists; empty for folders without one (made by hand). */
    private Optional<Set<String>> manifestPaths(String snapshotPath) {
        return disk.read(DiskPath.join(snapshotPath, Manifest.FILE_NAME))
                .flatMap(Manifest::fromBytes)
                .map(manifest -> manifest.files().stream().map(Manifest.Entry::path).collect(Collectors.toUnmodifiableSet()));
    }
}
