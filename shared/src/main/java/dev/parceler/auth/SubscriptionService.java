package dev.parceler.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * The Nethesis subscription services ("my"). Community: {@code Authorization: token <secret>},
 * authorized on 2xx with a {@code subscription.valid_until} in the future, until that date.
 * Enterprise: Basic {@code <system_id>:<secret>}, authorized for two days on a 2xx that is empty or JSON (as the Laravel
 * application, which accepts any 2xx).
 * Another 4xx is a refusal; a 5xx, a timeout or a connection failure is the service being
 * unavailable, and so is a 2xx that is not of the expected shape (a proxy's HTML page, garbage,
 * an empty body, JSON without {@code subscription}): it says nothing about the machine, so it
 * must neither let anyone in nor lock a valid machine out.
 */
public final class SubscriptionService implements SubscriptionCheck {
    static final Duration ENTERPRISE_VALIDITY = Duration.ofDays(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final URI communityEndpoint;
    private final URI enterpriseEndpoint;
    private final Duration timeout;
    private final Clock clock;

    public SubscriptionService(HttpClient client, URI communityEndpoint, URI enterpriseEndpoint, Duration timeout, Clock clock) {
        this.client = client;
        this.communityEndpoint = communityEndpoint;
        this.enterpriseEndpoint = enterpriseEndpoint;
        this.timeout = timeout;
        this.clock = clock;
    }

    /**
     * The enterprise service checks the id with the secret; the community one is asked with the
     * secret alone, and its answer names no machine, so a community id is only what the client says.
     */
    @Override
    public boolean verifiesSystemId(Realm realm) {
        return realm == Realm.ENTERPRISE;
    }

    @Override
    public Verdict check(Realm realm, MachineCredentials credentials) {
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(timeout).GET().header("Accept", "application/json");
        if (realm == Realm.COMMUNITY) {
            request.uri(communityEndpoint).header("Authorization", "token " + credentials.secret());
        } else {
            String basic = Base64.getEncoder().encodeToString(
                    (credentials.systemId() + ":" + credentials.secret()).getBytes(StandardCharsets.UTF_8));
            request.uri(enterpriseEndpoint).header("Authorization", "Basic " + basic);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Verdict.Unavailable(realm.label() + " subscription service unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verdict.Unavailable("interrupted");
        }
        int status = response.statusCode();
        if (status >= 500 || status == 429 || status == 408) {
            return new Verdict.Unavailable(realm.label() + " subscription service answered " + status);
        }
        if (status < 200 || status >= 300) {
            return new Verdict.Refused(realm.label() + " subscription service answered " + status);
        }
        if (realm == Realm.ENTERPRISE) {
            // The service answers 2xx for a valid machine; the Laravel application accepts any 2xx, an empty one too.
            // What is visibly not the service (a proxy's or portal's HTML page, garbage) says nothing about the machine.
            String body = response.body().strip();
            if (!body.isEmpty() && json(body).isEmpty()) {
                return new Verdict.Unavailable("enterprise subscription service answered " + status + " with something other than JSON");
            }
            return new Verdict.Authorized(clock.instant().plus(ENTERPRISE_VALIDITY));
        }
        Optional<JsonNode> answer = json(response.body()).filter(JsonNode::isObject);
        if (answer.isEmpty()) {
            return new Verdict.Unavailable(realm.label() + " subscription service answered " + status + " without a JSON object");
        }
        JsonNode subscription = answer.get().path("subscription");
        if (subscription.isNull()) {
            return new Verdict.Refused("no subscription");
        }
        Optional<Instant> validUntil = subscription.isObject() ? validUntil(subscription.path("valid_until")) : Optional.empty();
        if (validUntil.isEmpty()) {
            return new Verdict.Unavailable("community subscription service answered without a readable subscription.valid_until");
        }
        if (!validUntil.get().isAfter(clock.instant())) {
            return new Verdict.Refused("subscription expired on " + validUntil.get());
        }
        return new Verdict.Authorized(validUntil.get());
    }

    private static Optional<JsonNode> json(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code subscription.valid_until} as an instant: a date-time with or without offset (UTC), or a date (valid through that day). */
    static Optional<Instant> validUntil(JsonNode value) {
        if (!value.isTextual()) {
            return Optional.empty();
        }
        String text = value.asText().trim().replace(' ', 'T');
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notLocal) {
                try {
                    return Optional.of(LocalDate.parse(text).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException notDate) {
                    return Optional.empty();
                }
            }
        }
    }
}
