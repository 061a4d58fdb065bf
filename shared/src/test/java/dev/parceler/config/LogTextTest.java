package dev.parceler.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.Inputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A request's value as one log line shows it: nothing it holds can end the line or start another. */
class LogTextTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "machine-1                           | machine-1",
        "\"m1\n2026-12-06 INFO forged line\"  | m1\\n2026-12-06 INFO forged line",
        "\"a\r\nb\"                           | a\\r\\nb",
        "\"tab\there\"                        | tab\\there",
        "\"bell\u0007\"                       | bell\\x07",
        "\"esc\u001b[31m\"                    | esc\\x1b[31m",
        "\"del\u007f\"                        | del\\x7f",
        "\"next line\u0085\"                  | next line\\x85",
        "\"line sep\u2028para\u2029\"         | line sep\\u2028para\\u2029",
        "\"bidi\u202eevil\"                   | bidi\\u202eevil",
        "caf\u00e9 \u4e2d\u6587               | caf\u00e9 \u4e2d\u6587",
    })
    void controlCharactersAreWrittenAsEscapes(String value, String logged) {
        assertThat(LogText.escape(value)).isEqualTo(logged);
    }

    @Test
    void aLongValueIsCutAndSaysHowMuchWasLeftOut() {
        assertThat(LogText.escape("x".repeat(600))).isEqualTo("x".repeat(LogText.MAX_CHARS) + "...(88 more)");
        assertThat(LogText.escape(null)).isEqualTo("-");
    }

    @Test
    void noValueCanBreakALine() {
        Inputs.check(2000, 27, inputs -> inputs.text(700), value -> {
            String logged = LogText.escape(value);
            assertThat(logged.chars()).noneMatch(c -> c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029);
            assertThat(logged.length()).isLessThanOrEqualTo(LogText.MAX_CHARS * 6 + 20);
        });
    }

    @Test
    void printableTextIsLoggedAsItIs() {
        Inputs.check(1000, 27, inputs -> inputs.text(0, LogText.MAX_CHARS, ' ', '~'),
                value -> assertThat(LogText.escape(value)).isEqualTo(value));
    }
}
