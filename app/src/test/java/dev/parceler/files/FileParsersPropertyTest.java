package dev.parceler.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.Inputs;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The file responder's parsers of what a client sends (ranges, conditionals, dates), fed
 * generated input: none throws, and each answer stays inside the file.
 */
class FileParsersPropertyTest {
    private static String number(Inputs inputs) {
        return inputs.between(0, 3) > 0 ? Long.toString(inputs.between(0L, 20_000L))
                : inputs.oneOf("", "-", "99999999999999999999999", " ", "a");
    }

    private static String range(Inputs inputs) {
        return inputs.oneOf("bytes=", "Bytes= ", "bytes =", "items=", "")
                + String.join(",", inputs.list(4, each -> number(each) + each.oneOf("-", "", "--") + number(each)));
    }

    private record RangeOfFile(String range, long size) {
    }

    @Test
    void everyRangeAnswerStaysInsideTheFile() {
        Inputs.check(3000, 27, inputs -> new RangeOfFile(range(inputs), inputs.between(0L, 10_000L)), request -> {
            FileFacts file = new FileFacts(request.size(), Instant.parse("2026-11-01T08:30:15Z"), "\"abc\"");
            FileAnswer answer = new FileRequest(null, null, request.range(), null).answer(file);
            if (answer instanceof FileAnswer.Partial partial) {
                assertInside(partial.range(), request.size());
            } else if (answer instanceof FileAnswer.Parts parts) {
                parts.ranges().forEach(part -> assertInside(part, request.size()));
            }
        });
    }

    private static void assertInside(ByteRange range, long size) {
        assertThat(range.first()).isBetween(0L, size - 1);
        assertThat(range.last()).isBetween(range.first(), size - 1);
    }

    @Test
    void anyConditionalHeaderIsReadWithoutThrowing() {
        Inputs.check(2000, 27, inputs -> inputs.text(60), header -> {
            FileFacts file = new FileFacts(100, Instant.parse("2026-11-01T08:30:15Z"), "\"abc\"");
            new FileRequest(header, header, "bytes=0-9", header).answer(file);
            HttpDate.parse(header);
        });
    }
}
