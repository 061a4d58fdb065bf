package dev.parceler.parity;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** What the console parity classes share: an installation at upstream's "now", and its snapshot names. */
final class ParityConsole {
    /** The installation's clock: upstream's {@code now()}. */
    static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private ParityConsole() {
    }

    /** Upstream's {@code now()->sub...()->toAtomString()}: the name of a snapshot taken {@code ago} before now. */
    static String atom(Duration ago) {
        return OffsetDateTime.ofInstant(NOW.minus(ago), ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .replace("Z", "+00:00");
    }

    static String daysAgo(int days) {
        return atom(Duration.ofDays(days));
    }
}
