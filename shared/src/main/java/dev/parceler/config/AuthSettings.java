package dev.parceler.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How machines' downloads are authorized, per realm: by the subscription service at its endpoint
 * or by the credentials file ({@code COMMUNITY_AUTH}, {@code ENTERPRISE_AUTH},
 * {@code COMMUNITY_ENDPOINT}, {@code ENTERPRISE_ENDPOINT}, {@code AUTH_CREDENTIALS_FILE}), how long
 * a refusal is remembered ({@code AUTH_REFUSAL_TTL}) and how long the service is waited for
 * ({@code AUTH_TIMEOUT}).
 */
public record AuthSettings(AuthMode community, AuthMode enterprise, URI communityEndpoint, URI enterpriseEndpoint,
        Path credentialsFile, Duration refusalTtl, Duration timeout) {
}
