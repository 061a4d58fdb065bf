package dev.parceler.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection over a plain socket, used for several requests in turn, read at the
 * pace the test chooses: what a slow field machine, or one that hangs up mid-file, does to the
 * server. Answers must carry Content-Length (downloads do).
 */
public final class KeptAliveConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;

    public KeptAliveConnection(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
    }

    public record Answer(int status, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Sends a GET with the given header lines. */
    public void request(String target, String... headers) throws IOException {
        StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads one answer; the body in reads of at most {@code chunk} bytes with {@code pauseMillis} between them. */
    public Answer answer(int chunk, long pauseMillis) throws IOException, InterruptedException {
        String statusLine = line();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        long length = Long.parseLong(headers.getOrDefault("content-length", "0"));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[chunk];
        while (body.size() < length) {
            int read = in.read(buffer, 0, (int) Math.min(chunk, length - body.size()));
            if (read < 0) {
                throw new IOException("connection closed after " + body.size() + " of " + length + " bytes");
            }
            body.write(buffer, 0, read);
            if (pauseMillis > 0) {
                Thread.sleep(pauseMillis);
            }
        }
        return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers, body.toByteArray());
    }

    /**
     * The bytes that have reached this connection's socket and that the test has not read yet, as
     * the kernel counts them ({@code rx_queue} in {@code /proc/net/tcp}): once it stops growing
     * short of the answer, the socket buffers are full and the server waits for this reader.
     */
    public long unread() throws IOException {
        // The JVM's socket may be an IPv6 one carrying IPv4 (::ffff:127.0.0.1): listed in tcp6 then.
        String local = String.format(Locale.ROOT, ":%04X", socket.getLocalPort());
        String remote = String.format(Locale.ROOT, ":%04X", socket.getPort());
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(table))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 4 && fields[1].endsWith(local) && fields[2].endsWith(remote)) {
                    return Long.parseLong(fields[4].substring(fields[4].indexOf(':') + 1), 16);
                }
            }
        }
        throw new IOException("no socket from port " + socket.getLocalPort() + " to " + socket.getPort() + " in /proc/net/tcp or tcp6");
    }

    /** Reads {@code count} bytes of whatever comes next, then stops reading. */
    public void readSome(int count) throws IOException {
        in.readNBytes(count);
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed in the headers");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
