package dev.parceler.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A webhook receiver on loopback, as Slack's or a team's own would be: it records every POST by
 * path and answers each path with the statuses it was given, in order, then 200 (or the last
 * one, when told to keep it).
 */
public final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, List<String>> received = new ConcurrentHashMap<>();
    private final Map<String, Deque<Integer>> answers = new ConcurrentHashMap<>();
    private final Map<String, Integer> always = new ConcurrentHashMap<>();

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(64 * 1024);
            }
            received.computeIfAbsent(path, any -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add(new String(body, StandardCharsets.UTF_8));
            Deque<Integer> queued = answers.get(path);
            Integer status = queued != null && !queued.isEmpty() ? queued.poll() : always.getOrDefault(path, 200);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** {@code path} answers these statuses first, then 200. */
    public WebhookReceiver answer(String path, Integer... statuses) {
        answers.put(path, new ArrayDeque<>(List.of(statuses)));
        return this;
    }

    /** {@code path} answers {@code status} to every post. */
    public WebhookReceiver always(String path, int status) {
        always.put(path, status);
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The bodies posted to {@code path}, in order. */
    public List<String> posts(String path) {
        return List.copyOf(received.getOrDefault(path, List.of()));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
