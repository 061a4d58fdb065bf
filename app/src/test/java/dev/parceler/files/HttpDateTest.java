package dev.parceler.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HttpDateTest {
    static final Instant FIRST_OF_DECEMBER = Instant.parse("2026-12-01T17:06:56Z");

    @Test
    void writesImfFixdateWithATwoDigitDay() {
        assertThat(HttpDate.format(FIRST_OF_DECEMBER)).isEqualTo("Tue, 01 Dec 2026 17:06:56 GMT");
        assertThat(HttpDate.format(Instant.parse("2026-11-21T09:05:03.999Z"))).isEqualTo("Sat, 21 Nov 2026 09:05:03 GMT");
    }

    @Test
    void readsTheThreeFormsOfRfc9110() {
        assertThat(HttpDate.parse("Tue, 01 Dec 2026 17:06:56 GMT")).hasValue(FIRST_OF_DECEMBER);
        assertThat(HttpDate.parse("Tuesday, 01-Dec-26 17:06:56 GMT")).hasValue(FIRST_OF_DECEMBER);
        assertThat(HttpDate.parse("Tue Dec  1 17:06:56 2026")).hasValue(FIRST_OF_DECEMBER);
        assertThat(HttpDate.parse("Sunday, 06-Nov-94 08:49:37 GMT")).hasValue(Instant.parse("1994-11-06T08:49:37Z"));
    }

    @Test
    void readsWhatItWrites() {
        Instant instant = Instant.parse("2027-02-28T23:59:59Z");
        assertThat(HttpDate.parse(HttpDate.format(instant))).hasValue(instant);
    }

    @Test
    void malformedDatesAreNoDates() {
        for (String value : new String[] {"", "yesterday", "Tue, 1 Dec 2026 17:06:56 GMT", "Tue, 01 Dex 2026 17:06:56 GMT",
                "Tue, 31 Nov 2026 17:06:56 GMT", "Tue, 01 Dec 2026 24:00:00 GMT", "Tue, 01 Dec 2026 17:06", "1764608816"}) {
            assertThat(HttpDate.parse(value)).as(value).isEmpty();
        }
        assertThat(HttpDate.parse(null)).isEmpty();
    }
}
