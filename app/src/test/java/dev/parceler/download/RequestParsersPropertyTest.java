package dev.parceler.download;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.auth.MachineCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

/**
 * The parsers that read what a client sends, fed generated input: none throws, none lets a path
 * leave the snapshot or a control character into an id, and each answer stays inside the file.
 */
class RequestParsersPropertyTest {
    /** Request targets made of the pieces attacks are made of: dots, escapes, separators, NUL, UTF-8. */
    @Provide
    Arbitrary<String> targets() {
        Arbitrary<String> piece = Arbitraries.of("..", ".", "%2e", "%2E%2e", "%2f", "%5c", "\\", "%00", "%0a", "%c0%ae", "%e2%80%a8",
                "%", "%zz", "%e", "/", "//", ".parceler-manifest.json.gz", "Packages", "a", "\u00e9", "%c3%a9", "+", ";", "?");
        return piece.list().ofMaxSize(12).map(pieces -> "/repository/community/base/" + String.join("", pieces));
    }

    @Property(tries = 3000)
    void noPathLeavesTheSnapshotOrNamesAServiceFile(@ForAll("targets") String target) {
        Optional<List<String>> segments = RequestPath.of(target).fileSegments(3);
        segments.ifPresent(names -> assertThat(names).allSatisfy(name -> {
            assertThat(name).isNotEmpty().isNotEqualTo(".").isNotEqualTo("..").doesNotStartWith(".parceler-");
            assertThat(name.chars()).noneMatch(c -> c == '/' || c == '\\' || c < 0x20 || c == 0x7f);
        }));
    }

    @Property(tries = 2000)
    void anyTargetEitherDecodesOrIsRefusedWithoutThrowing(@ForAll @StringLength(max = 200) String target) {
        RequestPath path = RequestPath.of(target);
        path.fileSegments(3);
        for (int i = 0; i < path.length(); i++) {
            path.segment(i);
        }
        RequestPath.decodes(target, target);
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(40).filter(id -> !id.contains(":"));
    }

    @Property(tries = 2000)
    void basicCredentialsNeverCarryAControlCharacterOrAnEmptyPart(@ForAll("ids") String id, @ForAll @StringLength(max = 40) String secret) {
        String header = "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        Optional<MachineCredentials> read = BasicCredentials.parse(header);
        boolean clean = (id + secret).chars().noneMatch(c -> c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029);
        boolean utf8 = new String((id + ":" + secret).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(id + ":" + secret);
        if (clean && utf8 && !secret.isEmpty()) {
            assertThat(read).contains(new MachineCredentials(id, secret));
        } else {
            assertThat(read).isEmpty();
        }
    }

    @Property(tries = 2000)
    void anyAuthorizationHeaderIsReadOrRefusedWithoutThrowing(@ForAll @StringLength(max = 300) String header) {
        BasicCredentials.parse(header).ifPresent(credentials -> {
            assertThat(credentials.systemId()).isNotEmpty();
            assertThat(credentials.secret()).isNotEmpty();
        });
        BasicCredentials.parse("Basic " + header);
    }

    @Provide
    Arbitrary<String> ranges() {
        Arbitrary<String> number = Arbitraries.oneOf(Arbitraries.longs().between(0, 20_000).map(n -> Long.toString(n)),
                Arbitraries.of("", "-", "99999999999999999999999", " ", "a"));
        Arbitrary<String> one = Combinators.combine(number, Arbitraries.of("-", "", "--"), number).as((a, dash, b) -> a + dash + b);
        return Combinators.combine(Arbitraries.of("bytes=", "Bytes= ", "bytes =", "items=", ""), one.list().ofMaxSize(4))
                .as((unit, parts) -> unit + String.join(",", parts));
    }

    @Property(tries = 3000)
    void everyRangeAnswerStaysInsideTheFile(@ForAll("ranges") String range, @ForAll @LongRange(max = 10_000) long size) {
        FileFacts file = new FileFacts(size, Instant.parse("2026-11-01T08:30:15Z"), "\"abc\"");
        FileAnswer answer = new FileRequest(null, null, range, null).answer(file);
        if (answer instanceof FileAnswer.Partial partial) {
            assertInside(partial.range(), size);
        } else if (answer instanceof FileAnswer.Parts parts) {
            parts.ranges().forEach(part -> assertInside(part, size));
        }
    }

    private static void assertInside(ByteRange range, long size) {
        assertThat(range.first()).isBetween(0L, size - 1);
        assertThat(range.last()).isBetween(range.first(), size - 1);
    }

    @Property(tries = 2000)
    void anyConditionalHeaderIsReadWithoutThrowing(@ForAll @StringLength(max = 60) String header) {
        FileFacts file = new FileFacts(100, Instant.parse("2026-11-01T08:30:15Z"), "\"abc\"");
        new FileRequest(header, header, "bytes=0-9", header).answer(file);
        HttpDate.parse(header);
    }
}
