package dev.parceler.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The real nginx on a loopback port, in a folder of its own: the project's configuration
 * ({@code nginx/parceler.conf.template}) rendered for this machine, or Debian's static defaults.
 */
public final class NginxServer implements AutoCloseable {
    private final Path nginx;
    private final Path folder;
    private final int port;

    private NginxServer(Path nginx, Path folder, int port) {
        this.nginx = nginx;
        this.folder = folder;
        this.port = port;
    }

    public static NginxServer start(Path folder, int upstreamPort, Path storageRoot) {
        int port = freePort();
        try {
            String template = Files.readString(Path.of("..", "nginx", "parceler.conf.template"));
            return run(folder, port, "sendfile on;\n", template
                    .replace("${PARCELER_UPSTREAM}", "127.0.0.1:" + upstreamPort)
                    .replace("${PARCELER_STORAGE}", storageRoot.toAbsolutePath().toString())
                    .replace("${NGINX_PORT}", "127.0.0.1:" + port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Debian's nginx as its package configures it ({@code /etc/nginx/nginx.conf}'s http settings:
     * its {@code mime.types}, {@code default_type application/octet-stream}, sendfile, gzip), with
     * one server whose {@code root} is {@code root}: the reference for how static files are answered.
     */
    public static NginxServer serving(Path folder, Path root) {
        Path nginx = ExternalBinary.require("nginx");
        Path mimeTypes = Path.of("/etc/nginx/mime.types");
        if (!Files.isRegularFile(mimeTypes)) {
            throw new IllegalStateException(nginx + " is not Debian's package: no " + mimeTypes);
        }
        int port = freePort();
        return run(folder, port, """
                sendfile on;
                tcp_nopush on;
                types_hash_max_size 2048;
                include %s;
                default_type application/octet-stream;
                gzip on;
                """.formatted(mimeTypes), """
                server {
                    listen 127.0.0.1:%d;
                    server_name _;
                    root %s;
                }
                """.formatted(port, root.toAbsolutePath()));
    }

    private static NginxServer run(Path folder, int port, String httpSettings, String servers) {
        Path nginx = ExternalBinary.require("nginx");
        try {
            Files.createDirectories(folder.resolve("tmp"));
            Files.writeString(folder.resolve("parceler.conf"), servers);
            // Workers of an nginx started by root drop to nobody, who cannot enter a test's private folders.
            String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
            Files.writeString(folder.resolve("nginx.conf"), user + """
                    worker_processes 1;
                    pid %1$s/nginx.pid;
                    error_log %1$s/error.log info;
                    events { worker_connections 256; }
                    http {
                        access_log %1$s/access.log;
                    %2$s
                        client_body_temp_path %1$s/tmp/body;
                        proxy_temp_path %1$s/tmp/proxy;
                        fastcgi_temp_path %1$s/tmp/fastcgi;
                        uwsgi_temp_path %1$s/tmp/uwsgi;
                        scgi_temp_path %1$s/tmp/scgi;
                        include %1$s/parceler.conf;
                    }
                    """.formatted(folder.toAbsolutePath(), httpSettings.indent(4)));
            Process test = new ProcessBuilder(nginx.toString(), "-t", "-p", folder.toString(), "-c", folder.resolve("nginx.conf").toString())
                    .redirectErrorStream(true).start();
            String check = new String(test.getInputStream().readAllBytes());
            if (test.waitFor() != 0) {
                throw new IllegalStateException("nginx refused the rendered configuration:\n" + check);
            }
            Process start = new ProcessBuilder(nginx.toString(), "-p", folder.toString(), "-c", folder.resolve("nginx.conf").toString())
                    .redirectErrorStream(true).start();
            if (!start.waitFor(30, TimeUnit.SECONDS) || start.exitValue() != 0) {
                throw new IllegalStateException("nginx did not start: " + new String(start.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new NginxServer(nginx, folder, port);
    }

    public int port() {
        return port;
    }

    public String errorLog() {
        try {
            return Files.readString(folder.resolve("error.log"));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        try {
            new ProcessBuilder(nginx.toString(), "-p", folder.toString(), "-c", folder.resolve("nginx.conf").toString(), "-s", "stop")
                    .redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
