package dev.parceler.database;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as text columns are written: UTC, milliseconds, fixed width, so that text order is
 * time order and a column compares with {@code <} and {@code >=} in SQL.
 */
public final class SortableTime {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private SortableTime() {
    }

    public static String format(Instant instant) {
        return STAMP.format(instant);
    }

    public static Instant parse(String text) {
        return Instant.parse(text);
    }
}
