package dev.parceler.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The project's nginx configuration ({@code nginx/parceler.conf.template}) rendered for this
 * machine and run by the real nginx on a loopback port, in a folder of its own.
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
        Path nginx = ExternalBinary.require("nginx");
        int port = freePort();
        try {
            Files.createDirectories(folder.resolve("tmp"));
            String template = Files.readString(Path.of("..", "nginx", "parceler.conf.template"));
            Files.writeString(folder.resolve("parceler.conf"), template
                    .replace("${PARCELER_UPSTREAM}", "127.0.0.1:" + upstreamPort)
                    .replace("${PARCELER_STORAGE}", storageRoot.toAbsolutePath().toString())
                    .replace("${NGINX_PORT}", "127.0.0.1:" + port));
            // Workers of an nginx started by root drop to nobody, who cannot enter a test's private folders.
            String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
            Files.writeString(folder.resolve("nginx.conf"), user + """
                    worker_processes 1;
                    pid %1$s/nginx.pid;
                    error_log %1$s/error.log info;
                    events { worker_connections 256; }
                    http {
                        access_log %1$s/access.log;
                        sendfile on;
                        client_body_temp_path %1$s/tmp/body;
                        proxy_temp_path %1$s/tmp/proxy;
                        fastcgi_temp_path %1$s/tmp/fastcgi;
                        uwsgi_temp_path %1$s/tmp/uwsgi;
                        scgi_temp_path %1$s/tmp/scgi;
                        include %1$s/parceler.conf;
                    }
                    """.formatted(folder.toAbsolutePath()));
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
