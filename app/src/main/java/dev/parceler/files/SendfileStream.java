package dev.parceler.files;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Sends the body of one file response with {@code sendfile(2)} ({@link FileChannel#transferTo} to
 * the connection's socket) instead of copying it through the JVM: on loopback that is the
 * difference between nginx's rate and two thirds of it for a 1 MiB package. Jetty 12.1 has no
 * such path of its own, so this wraps the response's stream: the response writes the file's
 * bytes as one buffer as usual (Jetty counts them against Content-Length), Jetty sends the
 * headers, and the bytes of that buffer go out from the page cache. When the socket's buffer is
 * full, a piece goes through Jetty's own write, which waits until the socket drains; then the
 * transfer resumes. Only plain HTTP/1 connections qualify (TLS and HTTP/2 need the bytes).
 */
final class SendfileStream extends HttpStream.Wrapper {
    /** Below this, copying costs less than opening the file again. */
    static final long SMALLEST = 64 * 1024;
    /** What Jetty writes when the socket is full: it returns once the socket takes it. */
    private static final int PIECE = 64 * 1024;

    private final EndPoint endPoint;
    private final SocketChannel socket;
    private final ByteBuffer body;
    private final Path file;

    private SendfileStream(HttpStream stream, EndPoint endPoint, SocketChannel socket, ByteBuffer body, Path file) {
        super(stream);
        this.endPoint = endPoint;
        this.socket = socket;
        this.body = body;
        this.file = file;
    }

    /**
     * Arranges for {@code body}, a buffer over {@code file} whose position and limit are file
     * offsets (a mapping from offset 0), to be sent with sendfile when the response writes it.
     * Does nothing where sendfile cannot serve; the buffer is then sent as it is.
     */
    static void arrange(HttpServletRequest request, ByteBuffer body, Path file) {
        ServletContextRequest core = ServletContextRequest.getServletContextRequest(request);
        // The end point decides, not isSecure(): TLS wraps it, and a forwarded scheme changes nothing here.
        if (core == null || body.remaining() < SMALLEST) {
            return;
        }
        HttpVersion version = core.getConnectionMetaData().getHttpVersion();
        if (version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
            return;
        }
        EndPoint endPoint = core.getConnectionMetaData().getConnection().getEndPoint();
        if (endPoint instanceof SocketChannelEndPoint plain) {
            core.addHttpStreamWrapper(stream -> new SendfileStream(stream, endPoint, plain.getChannel(), body, file));
        }
    }

    @Override
    public void send(MetaData.Request request, MetaData.Response response, boolean last, ByteBuffer content,
            Callback callback) {
        if (content != body || response == null) {
            super.send(request, response, last, content, callback);
            return;
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            // The mapping still holds the bytes (the file was removed since): send them from it.
            super.send(request, response, last, content, callback);
            return;
        }
        Callback closing = new Callback() {
            @Override
            public void succeeded() {
                close(channel);
                callback.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                close(channel);
                callback.failed(failure);
            }
        };
        super.send(request, response, false, BufferUtil.EMPTY_BUFFER,
                Callback.from(() -> transfer(channel, last, closing), closing::failed));
    }

    private void transfer(FileChannel channel, boolean last, Callback callback) {
        try {
            while (body.hasRemaining()) {
                long sent = channel.transferTo(body.position(), body.remaining(), socket);
                if (sent > 0) {
                    body.position(body.position() + (int) sent);
                    continue;
                }
                if (body.position() >= channel.size()) {
                    // Not a hang-up: reported as the server's fault.
                    throw new IllegalStateException("file shorter than its response: " + file);
                }
                ByteBuffer piece = body.duplicate();
                piece.limit(body.position() + Math.min(body.remaining(), PIECE));
                body.position(piece.limit());
                endPoint.write(Callback.from(() -> transfer(channel, last, callback), callback::failed), piece);
                return;
            }
            super.send(null, null, last, BufferUtil.EMPTY_BUFFER, callback);
        } catch (IOException e) {
            // As Jetty's own writes report it: a machine that hung up, not a fault of the server.
            callback.failed(new EofException(e));
        } catch (RuntimeException e) {
            callback.failed(e);
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // A read-only channel: nothing was lost.
        }
    }
}
