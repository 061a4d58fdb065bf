package dev.parceler.files;

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

    /**
     * The ranges NginxConformanceIT sends to nginx and to Parceler, on files of the same sizes, with
     * the answer nginx gives: here the parser alone, there the bytes and headers on the wire.
     */
    @Test
    void theRangesComparedWithNginxAreAnsweredAsNginxAnswersThem() {
        FileFacts small = new FileFacts(5_000, FILE.modified(), FILE.etag());
        FileFacts large = new FileFacts(200_000, FILE.modified(), FILE.etag());
        record Case(String name, FileFacts file, String range, FileAnswer answer) {
        }
        FileAnswer whole = new FileAnswer.Whole();
        FileAnswer unsatisfiable = new FileAnswer.Unsatisfiable();
        for (Case c : List.of(
                new Case("first bytes", small, "bytes=0-99", partial(0, 99)),
                new Case("first bytes of a large file", large, "bytes=0-99999", partial(0, 99_999)),
                new Case("suffix", small, "bytes=-100", partial(4_900, 4_999)),
                new Case("open-ended", large, "bytes=150000-", partial(150_000, 199_999)),
                new Case("past the end", small, "bytes=4990-9999", partial(4_990, 4_999)),
                new Case("suffix longer than the file", small, "bytes=-9999", partial(0, 4_999)),
                new Case("beyond the start", small, "bytes=5000-", unsatisfiable),
                new Case("backwards", small, "bytes=100-50", unsatisfiable),
                new Case("malformed", small, "bytes=abc", unsatisfiable),
                new Case("suffix of nothing", small, "bytes=-0", unsatisfiable),
                new Case("another unit", small, "items=0-1", whole),
                new Case("without a unit", small, "0-1", whole),
                new Case("spaces and capitals", small, "Bytes= 10 - 19", partial(10, 19)),
                new Case("several", small, "bytes=0-9,20-29,-5",
                        new FileAnswer.Parts(List.of(new ByteRange(0, 9), new ByteRange(20, 29), new ByteRange(4_995, 4_999)))),
                new Case("several of a large file", large, "bytes=0-99999,150000-",
                        new FileAnswer.Parts(List.of(new ByteRange(0, 99_999), new ByteRange(150_000, 199_999)))),
                new Case("several, one satisfiable", small, "bytes=10-19,9000-9100", partial(10, 19)),
                new Case("several adding up to more than the file", small, "bytes=0-,0-", whole),
                new Case("empty file", EMPTY, "bytes=0-", whole),
                new Case("empty file, first byte", EMPTY, "bytes=0-0", whole),
                new Case("empty file, suffix", EMPTY, "bytes=-1", whole),
                new Case("empty file past its end", EMPTY, "bytes=1-", unsatisfiable))) {
            assertThat(new FileRequest(null, null, c.range(), null).answer(c.file())).as(c.name()).isEqualTo(c.answer());
        }
    }

    @Test
    void aByteRangeNamesItsBytesAsContentRangeDoes() {
        assertThat(new ByteRange(0, 0).length()).isEqualTo(1);
        assertThat(new ByteRange(2, 5).length()).isEqualTo(4);
        assertThat(new ByteRange(2, 5).contentRange(10)).isEqualTo("bytes 2-5/10");
        for (long[] bad : new long[][] {{-1, 3}, {5, 4}}) {
            org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> new ByteRange(bad[0], bad[1]))
                    .withMessageContaining("not a byte range");
        }
    }
}
