package dev.parceler.files;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.ee10.servlet.HttpOutput;

/**
 * Sends one file of the local disk as an HTTP response: Content-Length, Content-Type, a strong
 * ETag (inode, size, time: snapshot files never change in place, and a file shared between
 * snapshots keeps its tag), Last-Modified, Accept-Ranges; 304, 206 (one range or several) and
 * 416 as nginx answers them ({@link FileRequest}); HEAD without a body. Files are
 * sent from read-only mappings kept for reuse (with sendfile where the connection allows,
 * see {@link SendfileStream}), very large ones through a buffer: never read whole onto the heap.
 */
public final class LocalFileResponse {
    private final MappedFiles mapped;
    /** One per server thread, reused for files too large to keep mapped. */
    private final ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(256 * 1024));
    /** Last-Modified values by second: formatting a date costs more than the rest of the headers. */
    private final Map<Long, String> httpDates = new ConcurrentHashMap<>();
    /** Boundaries of multipart answers: a counter, as nginx's, never found inside a part's bytes by chance twice. */
    private final AtomicLong boundaries = new AtomicLong();

    public LocalFileResponse(MappedFiles mapped) {
        this.mapped = mapped;
    }

    /**
     * The types nginx's own {@code mime.types} gives the files a repository may hold; everything
     * else, feeds included ({@code Packages}, {@code .gz}, {@code .sig}, {@code .adb}, {@code .ipk},
     * {@code .apk}, {@code .img.gz}), is {@code application/octet-stream}, nginx's default type.
     */
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html",
            "htm", "text/html",
            "txt", "text/plain",
            "xml", "text/xml",
            "json", "application/json",
            "zip", "application/zip",
            "pdf", "application/pdf");

    static final long MAPPED_FILE = 256L * 1024 * 1024;


    /** Size, time and tag of a regular file, with one {@code stat}; empty for anything else. */
    public static java.util.Optional<FileFacts> facts(Path file) throws IOException {
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

    public void send(HttpServletRequest request, HttpServletResponse response, Path file, FileFacts facts, boolean head)
            throws IOException {
        FileAnswer answer = new FileRequest(request.getHeader("If-None-Match"), request.getHeader("If-Modified-Since"),
                request.getHeader("Range"), request.getHeader("If-Range")).answer(facts);
        if (answer instanceof FileAnswer.Unsatisfiable) {
            // As nginx: the range's status and the size, none of the file's validators.
            response.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
            response.setHeader("Content-Range", "bytes */" + facts.size());
            response.setContentLengthLong(0);
            return;
        }
        response.setHeader("ETag", facts.etag());
        response.setHeader("Last-Modified", httpDate(facts.modified()));
        String type = contentType(file.getFileName().toString());
        long start = 0;
        long length = facts.size();
        if (answer instanceof FileAnswer.NotModified) {
            // As nginx: the validators only, no type and no length (the 200's length is not this answer's).
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            response.setContentType(null);
            // Committed here: left to complete on its own, the response would be given "Content-Length: 0".
            response.flushBuffer();
            return;
        }
        if (answer instanceof FileAnswer.Parts parts) {
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            sendParts(response, file, facts, type, parts.ranges(), head);
            return;
        }
        response.setContentType(type);
        if (answer instanceof FileAnswer.Partial partial) {
            start = partial.range().first();
            length = partial.range().length();
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader("Content-Range", partial.range().contentRange(facts.size()));
        } else {
            response.setHeader("Accept-Ranges", "bytes");
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
        writeThrough(out, file, start, length);
        out.flush();
    }

    /**
     * 206 {@code multipart/byteranges}, laid out byte for byte as nginx does: each part opens with
     * a CRLF, the boundary, its type and its {@code Content-Range}; the last boundary closes.
     */
    private void sendParts(HttpServletResponse response, Path file, FileFacts facts, String type, List<ByteRange> ranges,
            boolean head) throws IOException {
        String boundary = String.format("%020d", boundaries.incrementAndGet());
        List<byte[]> heads = new ArrayList<>();
        long length = 0;
        for (ByteRange range : ranges) {
            byte[] part = ("\r\n--" + boundary + "\r\nContent-Type: " + type + "\r\nContent-Range: bytes " + range.first() + "-"
                    + range.last() + "/" + facts.size() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            heads.add(part);
            length += part.length + range.length();
        }
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        length += tail.length;
        response.setContentType("multipart/byteranges; boundary=" + boundary);
        response.setContentLengthLong(length);
        if (head) {
            return;
        }
        OutputStream out = response.getOutputStream();
        for (int i = 0; i < ranges.size(); i++) {
            ByteRange range = ranges.get(i);
            out.write(heads.get(i));
            if (out instanceof HttpOutput jetty && facts.size() <= MAPPED_FILE) {
                jetty.write(mapped.slice(file, facts.etag(), range.first(), range.length(), facts.size()));
            } else {
                writeThrough(out, file, range.first(), range.length());
            }
        }
        out.write(tail);
        out.flush();
    }

    /** Bytes of a file that is not kept mapped, without reading it onto the heap. */
    private void writeThrough(OutputStream out, Path file, long start, long length) throws IOException {
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
        }
    }

    private String httpDate(Instant instant) {
        if (httpDates.size() > 10_000) {
            httpDates.clear();
        }
        return httpDates.computeIfAbsent(instant.getEpochSecond(), second -> HttpDate.format(Instant.ofEpochSecond(second)));
    }

    public static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "application/octet-stream"
                : TYPES.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), "application/octet-stream");
    }
}
