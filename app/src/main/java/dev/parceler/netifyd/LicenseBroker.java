package dev.parceler.netifyd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The licence of an edition as the Laravel application keeps it on Netify: found by its label
 * ({@code issued_to}), created when missing, deleted and created again when it lacks one of the
 * entitlements, and renewed once half of its days have passed. Days are UTC days, as Netify
 * counts them: a licence expiring on day D is valid until D starts.
 */
final class LicenseBroker {
    private static final Logger LOG = LoggerFactory.getLogger(LicenseBroker.class);

    private final IntegratorApi api;
    private final List<String> entitlements;
    private final Optional<String> labelSuffix;
    private final Clock clock;

    LicenseBroker(IntegratorApi api, List<String> entitlements, Optional<String> labelSuffix, Clock clock) {
        this.api = api;
        this.entitlements = List.copyOf(entitlements);
        this.labelSuffix = labelSuffix;
        this.clock = clock;
    }

    String label(LicenseEdition edition) {
        return edition.label(labelSuffix);
    }

    /** Asks Netify for the edition's licence, making, replacing or renewing it as needed. */
    SharedAnswers.Fetched fetch(LicenseEdition edition) throws IntegratorException {
        String label = label(edition);
        ObjectNode license = api.licenses().stream()
                .filter(candidate -> label.equals(candidate.path("issued_to").asText(null)))
                .findFirst().orElse(null);
        if (license == null) {
            LOG.info("No netifyd license '{}' on netifyd: creating it", label);
            license = api.create(label, LicenseEdition.DURATION_DAYS, entitlements);
        } else if (!missing(license).isEmpty()) {
            String serial = serial(license);
            LOG.warn("netifyd license '{}' ({}) lacks {}: deleting it and creating it again", label, serial, missing(license));
            try {
                api.delete(serial);
                license = api.create(label, LicenseEdition.DURATION_DAYS, entitlements);
            } catch (IntegratorException e) {
                // The Laravel application's text, which alerts on its log match.
                throw new IntegratorException("Could not refresh license due to entitlements change: " + e.getMessage(), e);
            }
        }
        LocalDate expiry = expiry(license);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!expiry.minusDays(LicenseEdition.DURATION_DAYS / 2).isAfter(today)) {
            String serial = serial(license);
            try {
                ObjectNode renewed = api.renew(serial, today.plusDays(LicenseEdition.DURATION_DAYS - 1));
                expiry = expiry(renewed);
                license = renewed;
                LOG.info("netifyd license '{}' ({}) renewed until {}", label, serial, expiry);
            } catch (IntegratorException e) {
                if (!expiry.isAfter(today)) {
                    throw new IntegratorException("License has expired and could not be renewed: " + e.getMessage(), e);
                }
                LOG.warn("netifyd license '{}' ({}) could not be renewed, but is still valid until {}: {}", label, serial, expiry,
                        e.getMessage());
            }
        }
        return new SharedAnswers.Fetched(json(license), expiry.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** A stored licence is served as it is only while it carries every entitlement. */
    boolean complete(byte[] json) {
        try {
            return IntegratorApi.JSON.readTree(json) instanceof ObjectNode license && missing(license).isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** The configured entitlements the licence lacks: each is a key of its own in netifyd's format. */
    private List<String> missing(ObjectNode license) {
        return entitlements.stream().filter(name -> !license.has(name)).toList();
    }

    private static String serial(ObjectNode license) throws IntegratorException {
        JsonNode serial = license.get("serial");
        if (serial == null || !serial.isValueNode() || serial.asText().isEmpty()) {
            throw new IntegratorException("netifyd answered a license without a serial");
        }
        return serial.asText();
    }

    private static LocalDate expiry(ObjectNode license) throws IntegratorException {
        JsonNode unix = license.path("expire_at").path("unix");
        boolean number = unix.canConvertToLong() || unix.isTextual() && unix.asText().matches("\\d{1,12}");
        if (!number) {
            throw new IntegratorException("netifyd answered a license without expire_at.unix");
        }
        return LocalDate.ofInstant(Instant.ofEpochSecond(unix.asLong()), ZoneOffset.UTC);
    }

    private static byte[] json(ObjectNode license) {
        try {
            return IntegratorApi.JSON.writeValueAsBytes(license);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
