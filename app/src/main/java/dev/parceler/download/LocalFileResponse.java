package dev.parceler.download;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.ee10.servlet.HttpOutput;

/**
 * Sends one file of the local disk as an HTTP response: Content-Length, Content-Type, a strong
 * ETag (inode, size, time: snapshot files never change in place, and a file shared between
 * snapshots keeps its tag), Last-Modified, Accept-Ranges; 304 for a matching If-None-Match or
 * If-Modified-Since; 206 for one byte range (If-Range honoured); HEAD without a body. Files are
 * sent from read-only mappings kept for reuse (with sendfile where the connection allows,
 * see {@link SendfileStream}), very large ones through a buffer: never read whole onto the heap.
 */
final class LocalFileResponse {
    private final MappedFiles mapped;
    /** One per server thread, reused for files too large to keep mapped. */
    private final ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(256 * 1024));
    /** Last-Modified values by second: formatting a date costs more than the rest of the headers. */
    private final Map<Long, String> httpDates = new ConcurrentHashMap<>();

    LocalFileResponse(MappedFiles mapped) {
        this.mapped = mapped;
    }

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final Map<String, String> TYPES = Map.of(
            "ipk", "application/octet-stream",
            "apk", "application/octet-stream",
            "gz", "application/gzip",
            "json", "application/json",
            "sig", "application/pgp-signature",
            "asc", "application/pgp-signature",
            "txt", "text/plain; charset=utf-8",
            "html", "text/html; charset=utf-8",
            "adb", "application/octet-stream");

    static final long MAPPED_FILE = 256L * 1024 * 1024;


    /** File facts needed for the headers, read with one {@code stat}. */
    record FileFacts(long size, Instant modified, String etag) {
    }

    /** Size, time and tag of a regular file, with one {@code stat}; empty for anything else. */
    static java.util.Optional<FileFacts> facts(Path file) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException | java.nio.file.NotDirectoryException e) {
            return java.util.Optional.empty();
        }
        if (!attributes.isRegularFile()) {
            return java.util.Optional.empty();
        }
        long size = attributes.size();
        Instant modified = attributes.lastModifiedTime().toInstant();
        // The file key (device and inode) is the same for a file hard-linked into the next snapshot.
        String etag = "\"" + Integer.toHexString(java.util.Objects.hashCode(attributes.fileKey())) + "-" + Long.toHexString(size)
                + "-" + Long.toHexString(modified.toEpochMilli()) + "\"";
        return java.util.Optional.of(new FileFacts(size, modified, etag));
    }

    void send(HttpServletRequest request, HttpServletResponse response, Path file, FileFacts facts, boolean head)
            throws IOException {
        response.setHeader("ETag", facts.etag());
        response.setHeader("Last-Modified", httpDate(facts.modified()));
        response.setHeader("Accept-Ranges", "bytes");
        response.setContentType(contentType(file.getFileName().toString()));
        if (notModified(request, facts)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        long start = 0;
        long length = facts.size();
        String range = request.getHeader("Range");
        if (range != null && rangeApplies(request.getHeader("If-Range"), facts)) {
            long[] bounds = parseRange(range, facts.size());
            if (bounds == null) {
                // Not a single byte range we understand (several ranges, another unit): the whole file.
            } else if (bounds.length == 0) {
                response.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
                response.setHeader("Content-Range", "bytes */" + facts.size());
                response.setContentLengthLong(0);
                return;
            } else {
                start = bounds[0];
                length = bounds[1] - bounds[0] + 1;
                response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
                response.setHeader("Content-Range", "bytes " + bounds[0] + "-" + bounds[1] + "/" + facts.size());
            }
        }
        response.setContentLengthLong(length);
        if (head || length == 0) {
            return;
        }
        OutputStream out = response.getOutputStream();
        if (out instanceof HttpOutput jetty && facts.size() <= MAPPED_FILE) {
            ByteBuffer body = mapped.slice(file, facts.etag(), start, length, facts.size());
            SendfileStream.arrange(request, body, file);
            jetty.write(body);
            out.flush();
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (out instanceof HttpOutput jetty) {
                // Through a direct buffer kept by the thread: one copy from the page cache, none on the heap.
                ByteBuffer buffer = buffers.get();
                for (long position = start, end = start + length; position < end; ) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
                    int read = channel.read(buffer, position);
                    if (read <= 0) {
                        break;
                    }
                    buffer.flip();
                    jetty.write(buffer);
                    position += read;
                }
            } else {
                WritableByteChannel target = Channels.newChannel(out);
                for (long position = start, end = start + length; position < end; ) {
                    long sent = channel.transferTo(position, end - position, target);
                    if (sent <= 0) {
                        break;
                    }
                    position += sent;
                }
            }
            out.flush();
        }
    }

    private String httpDate(Instant instant) {
        if (httpDates.size() > 10_000) {
            httpDates.clear();
        }
        return httpDates.computeIfAbsent(instant.getEpochSecond(), second -> HTTP_DATE.format(Instant.ofEpochSecond(second)));
    }

    private static boolean notModified(HttpServletRequest request, FileFacts facts) {
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null) {
            for (String tag : ifNoneMatch.split(",")) {
                String candidate = tag.trim();
                if (candidate.startsWith("W/")) {
                    candidate = candidate.substring(2);
                }
                if (candidate.equals("*") || candidate.equals(facts.etag())) {
                    return true;
                }
            }
            return false;
        }
        Instant since = httpDate(request.getHeader("If-Modified-Since"));
        return since != null && facts.modified().getEpochSecond() <= since.getEpochSecond();
    }

    /** If-Range: the range applies only when the validator still matches. */
    private static boolean rangeApplies(String ifRange, FileFacts facts) {
        if (ifRange == null) {
            return true;
        }
        if (ifRange.trim().startsWith("\"")) {
            return ifRange.trim().equals(facts.etag());
        }
        Instant date = httpDate(ifRange);
        return date != null && facts.modified().getEpochSecond() == date.getEpochSecond();
    }

    /** {first, last} of a single satisfiable range; empty array when unsatisfiable; null when not a single byte range. */
    static long[] parseRange(String header, long size) {
        String value = header.trim();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6) || value.indexOf(',') >= 0) {
            return null;
        }
        String spec = value.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String first = spec.substring(0, dash).trim();
            String last = spec.substring(dash + 1).trim();
            if (first.isEmpty()) {
                if (last.isEmpty()) {
                    return null;
                }
                long suffix = Long.parseLong(last);
                if (suffix <= 0 || size == 0) {
                    return new long[0];
                }
                return new long[] {Math.max(0, size - suffix), size - 1};
            }
            long from = Long.parseLong(first);
            long to = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
            if (from < 0 || from >= size || to < from) {
                return from >= size || to < from ? new long[0] : null;
            }
            return new long[] {from, to};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant httpDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.from(HTTP_DATE.parse(value.trim()));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return name.equals("Packages") ? "text/plain; charset=utf-8" : "application/octet-stream";
        }
        return TYPES.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), "application/octet-stream");
    }
}
