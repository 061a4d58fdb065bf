package dev.parceler.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import dev.parceler.testing.Inputs;
import org.junit.jupiter.api.Test;

/**
 * The feed check reads what upstream sends in bounded memory: a decompression bomb, an endless
 * line or an index of a million missing files each fail the check with one line that says why,
 * without holding the index.
 */
class FeedIndexLimitsTest {
    /** {@code count} stanzas made as they are read: an index of any size, holding no memory. */
    static InputStream stanzas(long count) {
        return new InputStream() {
            private long made;
            private byte[] current = new byte[0];
            private int position;

            @Override
            public int read() {
                if (position == current.length) {
                    if (made == count) {
                        return -1;
                    }
                    current = ("Package: p" + made + "\nVersion: 1\nFilename: p" + made + ".ipk\nSize: 1\n\n").getBytes(StandardCharsets.US_ASCII);
                    made++;
                    position = 0;
                }
                return current[position++];
            }
        };
    }

    /** {@code count} stanzas that name no file (what a bomb needs to pass the other checks), made as they are read. */
    static InputStream namelessStanzas(long count) {
        return new InputStream() {
            private long left = count * 20;

            @Override
            public int read() {
                if (left <= 0) {
                    return -1;
                }
                int at = (int) (left-- % 20);
                return "\nPackage: x\nSize: 1\n".charAt(at);
            }
        };
    }

    static InputStream endlessLine(long bytes) {
        return new InputStream() {
            private long left = bytes;

            @Override
            public int read() {
                return left-- > 0 ? 'A' : -1;
            }
        };
    }

    static byte[] gzip(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            in.transferTo(out);
        }
        return bytes.toByteArray();
    }

    @Test
    void anIndexPastTheByteLimitStopsWithOneReason() {
        long limit = 8L * 1024 * 1024;
        long[] read = {0};
        assertThatThrownBy(() -> FeedCheck.parse(stanzas(1_000_000), limit, stanza -> read[0]++))
                .isInstanceOf(FeedCheck.IndexLimit.class).hasMessage("holds more than 8 MiB once decompressed (FEED_INDEX_MAX_MB)");
        assertThat(read[0]).as("stanzas read before the limit").isBetween(100_000L, 200_000L);
    }

    @Test
    void anEndlessLineStopsWithOneReason() {
        assertThatThrownBy(() -> FeedCheck.parse(endlessLine(64L * 1024 * 1024), Long.MAX_VALUE, stanza -> { }))
                .isInstanceOf(FeedCheck.IndexLimit.class).hasMessage("has a line longer than 1024 KiB: it is not a package index");
    }

    @Test
    void aMillionStanzasAreReadOneAtATime() throws IOException {
        long[] seen = {0};
        FeedCheck.parse(stanzas(1_000_000), Long.MAX_VALUE, stanza -> seen[0]++);
        assertThat(seen[0]).isEqualTo(1_000_000);
    }

    /** A small Packages.gz that expands to more than the limit: the check's problem names it and says why, in one line. */
    @Test
    void aDecompressionBombFailsTheCheckWithOneLine() throws IOException {
        byte[] bomb = gzip(namelessStanzas(2_000_000));
        assertThat(bomb.length).as("the bomb is small").isLessThan(2 * 1024 * 1024);
        Manifest manifest = new Manifest(1, List.of(new Manifest.Entry("Packages.gz", bomb.length, 0, null)));
        List<String> problems = new FeedCheck(4L * 1024 * 1024).problems(manifest, Set.of(), Set.of(),
                path -> new ByteArrayInputStream(bomb));
        assertThat(problems).containsExactly("Packages.gz holds more than 4 MiB once decompressed (FEED_INDEX_MAX_MB)");
        assertThat(FeedCheck.summary(problems)).doesNotContain("\n");
    }

    @Test
    void anIndexOfAMillionMissingFilesStopsAtTheProblemLimit() throws IOException {
        byte[] index = gzip(stanzas(1_000_000));
        Manifest manifest = new Manifest(1, List.of(new Manifest.Entry("Packages.gz", index.length, 0, null)));
        List<String> problems = new FeedCheck().problems(manifest, Set.of(), Set.of(), path -> new ByteArrayInputStream(index));
        assertThat(problems).hasSize(FeedCheck.MAX_PROBLEMS_PER_INDEX + 1).first().isEqualTo("p0.ipk is missing (p0 1 in Packages.gz)");
        assertThat(problems).last().isEqualTo("Packages.gz has more than 1000 problems: the rest of it was not checked");
    }

    @Test
    void anIndexWithinTheLimitsIsCheckedWhole() throws IOException {
        byte[] index = "Package: a\nVersion: 1\nFilename: a.ipk\nSize: 3\n\nPackage: b\r\nFilename: b.ipk\r\nSize: 9\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        Manifest manifest = new Manifest(1, List.of(new Manifest.Entry("Packages", index.length, 0, null),
                new Manifest.Entry("a.ipk", 3, 0, null), new Manifest.Entry("b.ipk", 4, 0, null)));
        assertThat(new FeedCheck().problems(manifest, Set.of(), Set.of(), path -> new ByteArrayInputStream(index)))
                .containsExactly("b.ipk has 4 bytes, Packages says 9");
    }

    /** Whatever bytes an index holds, reading it ends in stanzas or a limit, never anything else. */
    @Test
    void anyBytesAreReadToTheEndOrToALimit() {
        Inputs.check(500, 27, inputs -> inputs.bytes(4096), index -> {
            List<FeedCheck.Stanza> stanzas = new ArrayList<>();
            try {
                FeedCheck.parse(new ByteArrayInputStream(index), 2048, stanzas::add);
                assertThat(index.length).isLessThanOrEqualTo(2048);
            } catch (FeedCheck.IndexLimit e) {
                assertThat(e.getMessage()).doesNotContain("\n");
            } catch (IOException e) {
                throw new AssertionError("only a limit may stop the read", e);
            }
            assertThat(stanzas.size()).isLessThanOrEqualTo(index.length / 2 + 1);
        });
    }

    @Test
    void theFieldsOfEachStanzaAreReadAsWritten() {
        Inputs.check(300, 27, inputs -> inputs.list(30, each -> each.text(1, 20, 'a', 'z')), names -> {
            StringBuilder index = new StringBuilder();
            for (String name : names) {
                index.append("Package: ").append(name).append("\nVersion: 1.").append(name.length()).append("\nFilename: ").append(name)
                        .append(".ipk\n Description continued\n\n");
            }
            List<FeedCheck.Stanza> stanzas = new ArrayList<>();
            try {
                FeedCheck.parse(new ByteArrayInputStream(index.toString().getBytes(StandardCharsets.UTF_8)), Long.MAX_VALUE, stanzas::add);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            assertThat(stanzas).extracting(stanza -> stanza.name).containsExactlyElementsOf(names);
            assertThat(stanzas).extracting(stanza -> stanza.filename).containsExactlyElementsOf(names.stream().map(n -> n + ".ipk").toList());
        });
    }
}
