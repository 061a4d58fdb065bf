package dev.parceler.files;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP dates as nginx writes and reads them. Written in IMF-fixdate ({@code Tue, 01 Dec 2026
 * 17:06:56 GMT}: always a two-digit day, which {@link DateTimeFormatter#RFC_1123_DATE_TIME}
 * does not give). Read in the three forms RFC 9110 §5.6.7 names, with nginx's leniency and
 * strictness: the weekday and the zone name are not checked, a one-digit day in the first form
 * is malformed, a two-digit year of the RFC 850 form below 70 is in the 2000s.
 */
final class HttpDate {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private HttpDate() {
    }

    static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    /** The date, or empty when the value is not an HTTP date (such a condition does not hold). */
    static Optional<Instant> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Cursor at = new Cursor(value.trim());
        try {
            return Optional.of(at.date());
        } catch (IllegalArgumentException | DateTimeException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private static final class Cursor {
        private final String text;
        private int position;

        Cursor(String text) {
            this.text = text;
        }

        Instant date() {
            // The weekday runs to a comma (IMF-fixdate, RFC 850) or a space (asctime).
            int comma = text.indexOf(',');
            int space = text.indexOf(' ');
            boolean asctime = space >= 0 && (comma < 0 || space < comma);
            position = (asctime ? space : comma) + 1;
            if (position == 0) {
                throw new IllegalArgumentException("no weekday");
            }
            while (position < text.length() && text.charAt(position) == ' ') {
                position++;
            }
            int day;
            int month;
            int year;
            if (asctime) {
                month = month();
                expect(' ');
                if (text.charAt(position) == ' ') {
                    position++;
                }
                day = digit();
                if (text.charAt(position) != ' ') {
                    day = day * 10 + digit();
                }
            } else {
                day = digits(2);
                boolean rfc850 = text.charAt(position) == '-';
                char separator = rfc850 ? '-' : ' ';
                expect(separator);
                month = month();
                expect(separator);
                if (rfc850) {
                    year = digits(2);
                    year += year < 70 ? 2000 : 1900;
                } else {
                    year = digits(4);
                }
                expect(' ');
                return at(year, month, day);
            }
            expect(' ');
            int[] time = time();
            expect(' ');
            year = digits(4);
            return LocalDateTime.of(year, month, day, time[0], time[1], time[2]).toInstant(ZoneOffset.UTC);
        }

        private Instant at(int year, int month, int day) {
            int[] time = time();
            return LocalDateTime.of(year, month, day, time[0], time[1], time[2]).toInstant(ZoneOffset.UTC);
        }

        private int[] time() {
            int hour = digits(2);
            expect(':');
            int minute = digits(2);
            expect(':');
            int second = digits(2);
            return new int[] {hour, minute, second};
        }

        private int month() {
            int index = MONTHS.indexOf(text.substring(position, position + 3));
            if (index < 0 || index % 3 != 0) {
                throw new IllegalArgumentException("no month");
            }
            position += 3;
            return index / 3 + 1;
        }

        private int digits(int count) {
            int value = 0;
            for (int i = 0; i < count; i++) {
                value = value * 10 + digit();
            }
            return value;
        }

        private int digit() {
            char c = text.charAt(position++);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not a digit");
            }
            return c - '0';
        }

        private void expect(char c) {
            if (text.charAt(position++) != c) {
                throw new IllegalArgumentException("expected " + c);
            }
        }
    }
}
