package dev.parceler.netifyd;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The calls Parceler makes to Netify's integrator API ({@code NETIFYD_API_ENDPOINT}, header
 * {@code x-api-key}). Each returns the {@code data} member of Netify's answer; any other answer
 * (a failure status, no JSON, no {@code data}) is an {@link IntegratorException} whose message
 * names the call and what went wrong, never the key. The message begins as the Laravel
 * application's did ({@code Could not list licenses from netifyd:}, {@code Could not create license
 * on netifyd:} ...), since alerts on the log and on the answers' {@code message} match those.
 */
final class IntegratorApi {
    private static final String LICENSES = "/api/v2/integrator/licenses";
    /** The catalogue version the Laravel application asks for (netifyd 5.1's format). */
    static final String CATALOG_VERSION = "5.1";

    /** Numbers are kept as Netify wrote them, so a served answer says what Netify said. */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private final HttpClient client;
    private final String endpoint;
    private final String apiKey;
    private final Duration timeout;

    IntegratorApi(HttpClient client, URI endpoint, String apiKey, Duration timeout) {
        this.client = client;
        String base = endpoint.toString();
        this.endpoint = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.apiKey = apiKey;
        this.timeout = timeout;
    }

    /** Every licence of the integrator account, in netifyd's format. */
    List<ObjectNode> licenses() throws IntegratorException {
        JsonNode data = call("list licenses from netifyd", get(LICENSES + "?format=netifyd"));
        if (!data.isArray()) {
            throw new IntegratorException("Could not list licenses from netifyd: the answer's data is not a list");
        }
        List<ObjectNode> licenses = new ArrayList<>();
        for (JsonNode license : data) {
            if (license instanceof ObjectNode object) {
                licenses.add(object);
            }
        }
        return licenses;
    }

    ObjectNode create(String issuedTo, int durationDays, List<String> entitlements) throws IntegratorException {
        ObjectNode body = JSON.createObjectNode()
                .put("format", "object")
                .put("issued_to", issuedTo)
                .put("duration_days", durationDays)
                .put("description", "License provided to " + issuedTo + " instances.");
        entitlements.forEach(body.putArray("entitlements")::add);
        return license("create license on netifyd", post(LICENSES, body));
    }

    ObjectNode renew(String serial, LocalDate expireAt) throws IntegratorException {
        ObjectNode body = JSON.createObjectNode().put("expire_at", expireAt.toString());
        return license("renew license on netifyd", post(LICENSES + "/" + pathSegment(serial) + "/renew", body));
    }

    void delete(String serial) throws IntegratorException {
        send("delete license on netifyd", request(LICENSES + "/" + pathSegment(serial)).DELETE().build());
    }

    /** A catalogue: {@code applications} or {@code protocols}, {@code catalog} or {@code categories}. */
    JsonNode catalog(String path) throws IntegratorException {
        return call("fetch " + path + " from netifyd", get("/api/v2/integrator/" + path + "?version=" + CATALOG_VERSION));
    }

    private ObjectNode license(String what, HttpRequest request) throws IntegratorException {
        if (call(what, request) instanceof ObjectNode license) {
            return license;
        }
        throw new IntegratorException("Could not " + what + ": the answer's data is not a license");
    }

    private HttpRequest get(String path) {
        return request(path).GET().build();
    }

    private HttpRequest post(String path, ObjectNode body) {
        return request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(endpoint + path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("x-api-key", apiKey);
    }

    private JsonNode call(String what, HttpRequest request) throws IntegratorException {
        byte[] answer = send(what, request);
        JsonNode data;
        try {
            data = JSON.readTree(answer).get("data");
        } catch (IOException | RuntimeException e) {
            throw new IntegratorException("Could not " + what + ": the answer is not JSON");
        }
        if (data == null || data.isNull()) {
            throw new IntegratorException("Could not " + what + ": the answer has no data");
        }
        return data;
    }

    private byte[] send(String what, HttpRequest request) throws IntegratorException {
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new IntegratorException("Could not " + what + ": no answer within " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new IntegratorException("Could not " + what + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegratorException("Could not " + what + ": interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IntegratorException("Could not " + what + ": HTTP " + response.statusCode());
        }
        return response.body();
    }

    private static String describe(IOException e) {
        if (e instanceof java.net.ConnectException) {
            return "cannot connect";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** A serial as one path segment: Netify's serials are letters, digits and dashes; anything else is escaped. */
    private static String pathSegment(String serial) {
        return java.net.URLEncoder.encode(serial, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
