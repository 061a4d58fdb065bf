package dev.parceler.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** An upstream package feed: {@code rclone serve http} of a local folder on a loopback port. */
public final class RcloneUpstream implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path config;

    private RcloneUpstream(Process process, int port, Path config) {
        this.process = process;
        this.port = port;
        this.config = config;
    }

    public static RcloneUpstream serve(Path folder, Path work) {
        Path rclone = ExternalBinary.require("rclone");
        int port = NginxServer.freePort();
        try {
            Files.createDirectories(work);
            Path config = work.resolve("rclone.conf");
            Files.writeString(config, "");
            ProcessBuilder builder = new ProcessBuilder(rclone.toString(), "serve", "http", folder.toString(),
                    "--addr", "127.0.0.1:" + port, "--dir-cache-time", "0s")
                    .redirectErrorStream(true).redirectOutput(work.resolve("rclone.log").toFile());
            builder.environment().put("RCLONE_CONFIG", config.toString());
            Process process = builder.start();
            Eventually.await(Duration.ofSeconds(20), "rclone serving on " + port, () -> answers(port));
            return new RcloneUpstream(process, port, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("try") // connecting is the test
    private static boolean answers(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A folder of this upstream as an inline rclone remote, quoted for the shell a sync command runs in. */
    public String remote(String folder) {
        return "\":http,url='http://127.0.0.1:" + port + "/':" + folder + "\"";
    }

    /** An empty rclone.conf, for RCLONE_CONFIG (rclone then stays quiet about a missing one). */
    public Path config() {
        return config;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
