package dev.parceler.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How the HTTP service is reached and stopped: {@code APP_URL} (the address people use, whose
 * scheme decides secure cookies), {@code HTTP_HOST}:{@code HTTP_PORT} it listens on, how long a
 * stop waits for running downloads ({@code SERVE_STOP_TIMEOUT}), and the nginx location files are
 * handed to ({@code DOWNLOAD_X_ACCEL_PREFIX}).
 */
public record HttpSettings(URI appUrl, String host, int port, Duration stopTimeout, Optional<String> xAccelPrefix) {
}
