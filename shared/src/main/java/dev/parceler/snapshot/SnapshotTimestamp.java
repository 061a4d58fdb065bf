package dev.parceler.snapshot;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/**
 * Snapshot folder names: PHP's ATOM form, {@code 2026-11-21T00:00:00+01:00}. The offset is always
 * written as {@code +HH:MM} (never {@code Z}), as PHP does, so names made by either application sort
 * and parse alike; {@code Z} is still read.
 */
public final class SnapshotTimestamp {
    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
    private static final DateTimeFormatter READ = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendOffset("+HH:MM", "Z")
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    private SnapshotTimestamp() {
    }

    public static String format(Instant instant, ZoneId zone) {
        return WRITE.format(instant.atZone(zone));
    }

    /** The name of the current second, or of the next one no folder has taken, when snapshots come quicker than one a second. */
    static String firstFree(java.time.Clock clock, java.util.function.Predicate<String> taken) {
        Instant at = clock.instant();
        String name = format(at, clock.getZone());
        while (taken.test(name)) {
            at = at.plusSeconds(1);
            name = format(at, clock.getZone());
        }
        return name;
    }

    /** The instant a folder name stands for, or empty when the name is not a timestamp. */
    public static Optional<Instant> parse(String folderName) {
        try {
            return Optional.of(OffsetDateTime.parse(folderName, READ).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
