package dev.parceler.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Read-only mappings of recently sent files, reused across requests: a file goes from the page
 * cache to the socket with one copy and no read per request. Snapshot files never change in
 * place, and the key holds the file's tag, so a stale mapping is never sent. Bounded in count
 * and bytes; a dropped mapping is released by the collector.
 */
public final class MappedFiles {
    private final long maxBytes;
    private final int maxFiles;
    private long mappedBytes;
    private final LinkedHashMap<String, MappedByteBuffer> mappings = new LinkedHashMap<>(64, 0.75f, true);

    public MappedFiles(long maxBytes, int maxFiles) {
        this.maxBytes = maxBytes;
        this.maxFiles = maxFiles;
    }

    /** The file's bytes from {@code start}, {@code length} long, as a buffer of its own. */
    ByteBuffer slice(Path file, String etag, long start, long length, long size) throws IOException {
        MappedByteBuffer mapped;
        synchronized (this) {
            mapped = mappings.get(etag + file);
        }
        if (mapped == null) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            }
            synchronized (this) {
                if (mappings.put(etag + file, mapped) == null) {
                    mappedBytes += size;
                }
                var eldest = mappings.entrySet().iterator();
                while ((mappedBytes > maxBytes || mappings.size() > maxFiles) && eldest.hasNext()) {
                    Map.Entry<String, MappedByteBuffer> entry = eldest.next();
                    mappedBytes -= entry.getValue().capacity();
                    eldest.remove();
                }
            }
        }
        return mapped.duplicate().position((int) start).limit((int) (start + length));
    }
}
