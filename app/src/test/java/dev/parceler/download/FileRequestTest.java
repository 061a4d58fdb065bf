package dev.parceler.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The conditional and range rules, as nginx's static module applies them. */
class FileRequestTest {
    static final FileFacts FILE = new FileFacts(10, Instant.parse("2026-11-16T00:00:00.750Z"), "\"abc-a-1\"");
    static final FileFacts EMPTY = new FileFacts(0, Instant.parse("2026-11-16T00:00:00Z"), "\"abc-0-1\"");
    static final String SAME_TIME = "Mon, 16 Nov 2026 00:00:00 GMT";
    static final String EARLIER = "Sun, 15 Nov 2026 00:00:00 GMT";
    static final String LATER = "Tue, 17 Nov 2026 00:00:00 GMT";

    static FileAnswer conditions(String ifNoneMatch, String ifModifiedSince) {
        return new FileRequest(ifNoneMatch, ifModifiedSince, null, null).answer(FILE);
    }

    static FileAnswer range(String range) {
        return new FileRequest(null, null, range, null).answer(FILE);
    }

    static FileAnswer.Partial partial(long first, long last) {
        return new FileAnswer.Partial(new ByteRange(first, last));
    }

    @Test
    void ifModifiedSinceHoldsOnlyForTheFilesOwnTime() {
        assertThat(conditions(null, SAME_TIME)).isInstanceOf(FileAnswer.NotModified.class);
        assertThat(conditions(null, EARLIER)).isInstanceOf(FileAnswer.Whole.class);
        assertThat(conditions(null, LATER)).as("exact, as nginx: a later copy is another version").isInstanceOf(FileAnswer.Whole.class);
        assertThat(conditions(null, "last tuesday")).isInstanceOf(FileAnswer.Whole.class);
        assertThat(conditions(null, "Mon, 16 Nov 2026 00:00:00 GMT; length=10")).isInstanceOf(FileAnswer.NotModified.class);
    }

    @Test
    void aDelayedFileOlderThanTheClientsCopyIsSentWhole() {
        // The machine fetched the previous index on the 20th; the delay now serves an index published on the 16th.
        assertThat(conditions(null, "Fri, 20 Nov 2026 02:05:00 GMT")).isInstanceOf(FileAnswer.Whole.class);
    }

    @Test
    void ifNoneMatchComparesWeaklyAndTakesLists() {
        assertThat(conditions("\"abc-a-1\"", null)).isInstanceOf(FileAnswer.NotModified.class);
        assertThat(conditions("W/\"abc-a-1\"", null)).isInstanceOf(FileAnswer.NotModified.class);
        assertThat(conditions("\"other\", \"abc-a-1\"", null)).isInstanceOf(FileAnswer.NotModified.class);
        assertThat(conditions("\"other\",W/\"abc-a-1\" ", null)).isInstanceOf(FileAnswer.NotModified.class);
        assertThat(conditions("*", null)).isInstanceOf(FileAnswer.NotModified.class);
        assertThat(conditions("\"other\"", null)).isInstanceOf(FileAnswer.Whole.class);
        assertThat(conditions("\"abc-a-1\"x", null)).isInstanceOf(FileAnswer.Whole.class);
        assertThat(conditions("\"abc-a\"", null)).isInstanceOf(FileAnswer.Whole.class);
    }

    @Test
    void bothConditionsMustHoldForA304AsNginxOrdersThem() {
        assertThat(conditions("\"abc-a-1\"", SAME_TIME)).isInstanceOf(FileAnswer.NotModified.class);
        assertThat(conditions("\"abc-a-1\"", EARLIER)).isInstanceOf(FileAnswer.Whole.class);
        assertThat(conditions("\"other\"", SAME_TIME)).isInstanceOf(FileAnswer.Whole.class);
    }

    @Test
    void aNotModifiedAnswerWinsOverARange() {
        assertThat(new FileRequest("\"abc-a-1\"", null, "bytes=0-1", null).answer(FILE)).isInstanceOf(FileAnswer.NotModified.class);
    }

    @Test
    void singleRanges() {
        assertThat(range("bytes=2-5")).isEqualTo(partial(2, 5));
        assertThat(range("bytes=0-0")).isEqualTo(partial(0, 0));
        assertThat(range("bytes=-3")).isEqualTo(partial(7, 9));
        assertThat(range("bytes=-30")).isEqualTo(partial(0, 9));
        assertThat(range("bytes=7-")).isEqualTo(partial(7, 9));
        assertThat(range("bytes=7-100")).isEqualTo(partial(7, 9));
        assertThat(range("BYTES= 2 - 5")).isEqualTo(partial(2, 5));
        assertThat(range("bytes=0-1,50-60")).as("the satisfiable one").isEqualTo(partial(0, 1));
    }

    @Test
    void severalRangesAreParts() {
        assertThat(range("bytes=0-1,4-5")).isEqualTo(new FileAnswer.Parts(List.of(new ByteRange(0, 1), new ByteRange(4, 5))));
        assertThat(range("bytes=0-5,3-8")).as("more bytes than the file: the whole file").isInstanceOf(FileAnswer.Whole.class);
    }

    @Test
    void unsatisfiableAndMalformedRangesAre416() {
        for (String value : new String[] {"bytes=10-", "bytes=50-60", "bytes=5-2", "bytes=-0", "bytes=abc", "bytes=1-x", "bytes=--1",
                "bytes=99999999999999999999-"}) {
            assertThat(range(value)).as(value).isInstanceOf(FileAnswer.Unsatisfiable.class);
        }
    }

    @Test
    void otherUnitsAndShortValuesAreIgnored() {
        for (String value : new String[] {"items=0-1", "bytes=", "0-1"}) {
            assertThat(range(value)).as(value).isInstanceOf(FileAnswer.Whole.class);
        }
    }

    @Test
    void anEmptyFileIsSentWholeForRangesFromTheStart() {
        assertThat(new FileRequest(null, null, "bytes=0-", null).answer(EMPTY)).isInstanceOf(FileAnswer.Whole.class);
        assertThat(new FileRequest(null, null, "bytes=0-10", null).answer(EMPTY)).isInstanceOf(FileAnswer.Whole.class);
        assertThat(new FileRequest(null, null, "bytes=-5", null).answer(EMPTY)).isInstanceOf(FileAnswer.Whole.class);
        assertThat(new FileRequest(null, null, "bytes=1-2", null).answer(EMPTY)).isInstanceOf(FileAnswer.Unsatisfiable.class);
    }

    @Test
    void ifRangeAppliesTheRangeOnlyToTheSameFile() {
        assertThat(new FileRequest(null, null, "bytes=2-5", "\"abc-a-1\"").answer(FILE)).isEqualTo(partial(2, 5));
        assertThat(new FileRequest(null, null, "bytes=2-5", "\"stale\"").answer(FILE)).isInstanceOf(FileAnswer.Whole.class);
        assertThat(new FileRequest(null, null, "bytes=2-5", "W/\"abc-a-1\"").answer(FILE)).as("strong comparison")
                .isInstanceOf(FileAnswer.Whole.class);
        assertThat(new FileRequest(null, null, "bytes=2-5", SAME_TIME).answer(FILE)).isEqualTo(partial(2, 5));
        assertThat(new FileRequest(null, null, "bytes=2-5", EARLIER).answer(FILE)).isInstanceOf(FileAnswer.Whole.class);
        assertThat(new FileRequest(null, null, "bytes=2-5", "garbage").answer(FILE)).isInstanceOf(FileAnswer.Whole.class);
    }
}
