package dev.parceler.download;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.RefusedRequests;
import dev.parceler.testing.RefusedRequests.LiteralNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The file part of a download URL, read from the raw target: the refusals RequestRefusalIT sees over HTTP, one by one. */
class RequestPathTest {
    /** Where a snapshot would be, to check that a name read literally stays inside it. */
    private static final Path SNAPSHOT = Path.of("/srv/parceler/snapshots/base/2026-11-16T00:00:00+00:00");

    static List<String> refused() {
        return RefusedRequests.TRAVERSALS_REFUSED;
    }

    static List<LiteralNames> readLiterally() {
        return RefusedRequests.TRAVERSALS_READ_LITERALLY;
    }

    static Stream<String> nulAndBrokenEscapes() {
        return RefusedRequests.NUL_AND_BROKEN_ESCAPES.stream();
    }

    @ParameterizedTest
    @MethodSource("refused")
    void aTraversalNamesNoFile(String target) {
        assertThat(RequestPath.of(target).fileSegments(3)).as(target).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("readLiterally")
    void aNameThatOnlyLooksLikeATraversalIsReadAsItIsAndStaysInTheSnapshot(LiteralNames request) {
        Optional<List<String>> segments = RequestPath.of(request.target()).fileSegments(3);

        assertThat(segments).as(request.target()).contains(request.names());
        Path file = SNAPSHOT.resolve(String.join("/", segments.orElseThrow()));
        assertThat(file.normalize()).isEqualTo(file).startsWithRaw(SNAPSHOT);
    }

    @ParameterizedTest
    @MethodSource("nulAndBrokenEscapes")
    void aNulOrABrokenEscapeNamesNoFile(String target) {
        assertThat(RequestPath.of(target).fileSegments(3)).as(target).isEmpty();
    }

    @Test
    void aPlainPathIsItsDecodedSegments() {
        assertThat(RequestPath.of("/repository/community/base/packages/x86_64/Packages.gz").fileSegments(3))
                .contains(List.of("packages", "x86_64", "Packages.gz"));
        assertThat(RequestPath.of("/repository/community/base/luci%20app_1.0%2Br1.ipk").fileSegments(3))
                .as("escapes decoded").contains(List.of("luci app_1.0+r1.ipk"));
        assertThat(RequestPath.of("/repository/community/base/a+b.ipk").fileSegments(3)).as("a plus stays a plus")
                .contains(List.of("a+b.ipk"));
        assertThat(RequestPath.of("/repository/community/base/%c3%a9t%c3%a9").fileSegments(3)).as("UTF-8")
                .contains(List.of("\u00e9t\u00e9"));
        assertThat(RequestPath.of("/repository/community/base/.hidden").fileSegments(3)).as("a dot file that is not Parceler's")
                .contains(List.of(".hidden"));
    }

    @Test
    void aDotSegmentIsDroppedAsNginxDoes() {
        assertThat(RequestPath.of("/repository/community/base/./InRelease").fileSegments(3)).contains(List.of("InRelease"));
        assertThat(RequestPath.of("/repository/community/base/./pool/./hello_1.0_all.deb").fileSegments(3))
                .contains(List.of("pool", "hello_1.0_all.deb"));
        assertThat(RequestPath.of("/repository/community/base/%2e/InRelease").fileSegments(3)).contains(List.of("InRelease"));
        assertThat(RequestPath.of("/repository/community/base/./").fileSegments(3)).as("no file left").isEmpty();
    }

    @Test
    void aRepositoryWithoutAFileOrEndingInASlashNamesNoFile() {
        assertThat(RequestPath.of("/repository/community/base").fileSegments(3)).isEmpty();
        assertThat(RequestPath.of("/repository/community/base/").fileSegments(3)).isEmpty();
        assertThat(RequestPath.of("/repository/community/base/packages/").fileSegments(3)).isEmpty();
        assertThat(RequestPath.of(null).fileSegments(3)).isEmpty();
    }

    @Test
    void controlCharactersInANameAreRefused() {
        for (String target : List.of("/repository/community/base/a%0ab", "/repository/community/base/a%09b", "/repository/community/base/a%7fb",
                "/repository/community/base/a%5cb")) {
            assertThat(RequestPath.of(target).fileSegments(3)).as(target).isEmpty();
        }
    }

    @Test
    void segmentsAreReadOneByOneAndABrokenOneIsEmpty() {
        RequestPath path = RequestPath.of("/repository/enterprise/my%20repo/@2026-11-20T00:00:00Z/%zz");

        assertThat(path.length()).isEqualTo(6);
        assertThat(path.segment(2)).contains("enterprise");
        assertThat(path.segment(3)).contains("my repo");
        assertThat(path.raw(3)).isEqualTo("my%20repo");
        assertThat(path.segment(4)).contains("@2026-11-20T00:00:00Z");
        assertThat(path.segment(5)).as("a broken escape").isEmpty();
        assertThat(path.segment(6)).as("past the end").isEmpty();
        assertThat(path.raw(6)).isEmpty();
        assertThat(path.fileSegments(4)).isEmpty();
    }

    @Test
    void anEscapeCutShortOrOverlongUtf8DoesNotDecode() {
        for (String segment : List.of("%", "%2", "a%e", "%c0%ae", "%ed%a0%80", "%ff")) {
            assertThat(RequestPath.decode(segment)).as(segment).isEmpty();
        }
        assertThat(RequestPath.decode("%2E%2e")).contains("..");
    }
}
