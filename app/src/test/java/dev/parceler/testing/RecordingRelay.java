package dev.parceler.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP relay on a loopback port in front of a server, keeping every byte sent to that server:
 * what a storage service would see of the requests that reach it.
 */
public final class RecordingRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final URI target;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final List<Socket> sockets = new ArrayList<>();

    private RecordingRelay(ServerSocket listener, URI target) {
        this.listener = listener;
        this.target = target;
    }

    /** Relays to {@code target} (an http URI with host and port). */
    public static RecordingRelay to(URI target) {
        try {
            RecordingRelay relay = new RecordingRelay(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), target);
            Thread accepting = new Thread(relay::accept, "relay-accept");
            accepting.setDaemon(true);
            accepting.start();
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** Every byte the relayed server was sent so far, as text. */
    public String received() {
        synchronized (received) {
            return received.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(target.getHost(), target.getPort());
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(server);
                }
                pump(client.getInputStream(), server.getOutputStream(), true, server);
                pump(server.getInputStream(), client.getOutputStream(), false, client);
            } catch (IOException e) {
                // Closed, or the relayed server went away: nothing more to relay.
            }
        }
    }

    private void pump(InputStream from, OutputStream to, boolean record, Socket sink) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                for (int read; (read = from.read(buffer)) >= 0; ) {
                    if (record) {
                        synchronized (received) {
                            received.write(buffer, 0, read);
                        }
                    }
                    to.write(buffer, 0, read);
                    to.flush();
                }
                sink.shutdownOutput();
            } catch (IOException e) {
                // One side closed: the other follows.
            }
        }, "relay-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        try {
            listener.close();
            synchronized (sockets) {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
