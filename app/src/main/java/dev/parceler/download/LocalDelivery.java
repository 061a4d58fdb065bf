package dev.parceler.download;

import dev.parceler.files.FileFacts;
import dev.parceler.files.LocalFileResponse;
import dev.parceler.files.MappedFiles;
import dev.parceler.storage.LocalDisk;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Files of the local disk: the bytes themselves, or an {@code X-Accel-Redirect} to them for nginx to send. */
final class LocalDelivery implements SnapshotDelivery {
    /**
     * Mappings kept for reuse: address space, not memory (the page cache holds the bytes either
     * way); a mapping of a deleted snapshot file holds its disk space until evicted, so keep it modest.
     */
    static final long MAPPED_BYTES = 1024L * 1024 * 1024;
    static final int MAPPED_COUNT = 8192;
    /** The longest file name Linux file systems hold, in bytes. */
    static final int MAX_NAME_BYTES = 255;

    private final LocalDisk disk;
    private final Optional<String> xAccelPrefix;
    private final LocalFileResponse files = new LocalFileResponse(new MappedFiles(MAPPED_BYTES, MAPPED_COUNT));
    /** Served snapshot folders, resolved once: a handful per repository over the server's life. */
    private final Map<String, Path> snapshotFolders = new ConcurrentHashMap<>();

    LocalDelivery(LocalDisk disk, Optional<String> xAccelPrefix) {
        this.disk = disk;
        this.xAccelPrefix = xAccelPrefix;
    }

    @Override
    public boolean deliver(Context ctx, String snapshotPath, List<String> segments) throws IOException {
        Optional<Path> file = file(snapshotPath, segments);
        Optional<FileFacts> facts = file.isEmpty() ? Optional.empty() : LocalFileResponse.facts(file.get());
        if (facts.isEmpty()) {
            return false;
        }
        ctx.disableCompression();
        if (xAccelPrefix.isPresent()) {
            // file() has ruled out links, so the resolved path is the file's place on the disk.
            String diskPath = disk.root().relativize(file.get()).toString();
            String encoded = List.of(diskPath.split("/")).stream()
                    .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
                    .collect(Collectors.joining("/"));
            ctx.header("X-Accel-Redirect", xAccelPrefix.get() + "/" + encoded);
            ctx.contentType(LocalFileResponse.contentType(file.get().getFileName().toString()));
            ctx.status(HttpStatus.OK);
            return true;
        }
        files.send(ctx.req(), ctx.res(), file.get(), facts.get(), ctx.method() == HandlerType.HEAD);
        return true;
    }

    @Override
    public boolean has(String snapshotPath, List<String> segments) throws IOException {
        Optional<Path> file = file(snapshotPath, segments);
        return file.isPresent() && LocalFileResponse.facts(file.get()).isPresent();
    }

    /** The requested file inside the snapshot, unless a folder on the way is a link. */
    private Optional<Path> file(String snapshotPath, List<String> segments) {
        if (snapshotFolders.size() > 4096) {
            snapshotFolders.clear();
        }
        Path snapshot = snapshotFolders.computeIfAbsent(snapshotPath, disk::resolve);
        Path file = snapshot;
        for (String segment : segments) {
            // No file system names a file with more (the kernel answers "File name too long").
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                return Optional.empty();
            }
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
}
