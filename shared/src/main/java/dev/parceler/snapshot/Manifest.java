package dev.parceler.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The list of a snapshot's files written beside them: path, size, modification time, and sha256
 * (local disk) or the object's ETag (s3). On the local disk it lets the next snapshot decide what
 * is unchanged without reading the previous one; on s3 it is the completion marker, written last,
 * and answers "is this file in the snapshot" without listing the bucket.
 */
public record Manifest(@JsonProperty("version") int version, @JsonProperty("files") List<Entry> files) {
    /** A dot-file of the service's own: never listed as a package, never served. */
    public static final String FILE_NAME = ".parceler-manifest.json.gz";
    private static final ObjectMapper JSON = new ObjectMapper();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(
            @JsonProperty("path") String path,
            @JsonProperty("size") long size,
            @JsonProperty("mtime") long modifiedMillis,
            @JsonProperty("sha256") String sha256,
            @JsonProperty("etag") String etag) {

        public Entry(String path, long size, long modifiedMillis, String sha256) {
            this(path, size, modifiedMillis, sha256, null);
        }
    }

    public Map<String, Entry> byPath() {
        Map<String, Entry> byPath = new HashMap<>(files.size() * 2);
        for (Entry entry : files) {
            byPath.put(entry.path(), entry);
        }
        return byPath;
    }

    /** The gzipped form, as written to the disk. */
    public byte[] toBytes() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new FastGzip(bytes)) {
            JSON.writeValue(out, this);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A manifest from its gzipped form; empty when it cannot be read (then it proves nothing). */
    public static Optional<Manifest> fromBytes(byte[] gzipped) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzipped))) {
            return Optional.of(JSON.readValue(in, Manifest.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Written gzipped: for repositories of many small files it would otherwise outweigh what changed. */
    public void write(Path snapshot) throws IOException {
        try (OutputStream out = new FastGzip(Files.newOutputStream(snapshot.resolve(FILE_NAME)))) {
            JSON.writeValue(out, this);
        }
    }

    /** The manifest of a snapshot folder; empty for folders made by hand or by another application. */
    public static Optional<Manifest> read(Path snapshot) {
        Path file = snapshot.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return Optional.of(JSON.readValue(in, Manifest.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Gzip at its fastest level: the manifest is written on every snapshot and read by the next one only. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(java.util.zip.Deflater.BEST_SPEED);
        }
    }

    public static boolean isServiceFile(String name) {
        return name.startsWith(".parceler-");
    }

    /** Whether a disk path names one of the service's own files (by its last segment). */
    public static boolean isServicePath(String path) {
        return isServiceFile(path.substring(path.lastIndexOf('/') + 1));
    }
}
