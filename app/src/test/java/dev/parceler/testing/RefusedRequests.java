package dev.parceler.testing;

import java.util.List;
import java.util.stream.Stream;

/**
 * Requests a download must refuse, shared by the parsers' unit tests and {@code RequestRefusalIT},
 * so that every refusal the server gives over HTTP is also pinned to the parser that makes it.
 * Targets are raw request targets (still encoded) under {@code /repository/community/base/}.
 */
public final class RefusedRequests {
    private RefusedRequests() {
    }

    /** Authorization headers that carry no usable machine credentials: each one is answered with the Basic challenge. */
    public static final List<String> MALFORMED_CREDENTIALS = List.of(
            "Basic", "Basic !!!", "Basic bm9jb2xvbg==", "Bearer x", "Basic OnNlY3JldA==", "Basic dXNlcjo=");

    /** Ways of climbing out of the snapshot that the request path parser refuses: they name no file at all. */
    public static final List<String> TRAVERSALS_REFUSED = List.of(
            "/repository/community/base/../../secret.txt",
            "/repository/community/base/packages/../../../secret.txt",
            "/repository/community/base/%2e%2e/%2e%2e/secret.txt",
            "/repository/community/base/%2E%2E/%2E%2E/secret.txt",
            "/repository/community/base/.%2e/.%2e/secret.txt",
            "/repository/community/base/%2e./%2e./secret.txt",
            "/repository/community/base/..%2f..%2fsecret.txt",
            "/repository/community/base/..%2F..%2Fsecret.txt",
            "/repository/community/base/%2e%2e%2f%2e%2e%2fsecret.txt",
            "/repository/community/base/..%5c..%5csecret.txt",
            "/repository/community/base/..\\..\\secret.txt",
            "/repository/community/base/%c0%ae%c0%ae/%c0%ae%c0%ae/secret.txt",
            "/repository/community/base/%c0%af..%c0%afsecret.txt",
            "/repository/community/base/%e0%80%ae%e0%80%ae/secret.txt",
            "/repository/community/base//secret.txt",
            "/repository/community/base///../secret.txt",
            "/repository/community/base/%2fsecret.txt",
            "/repository/community/base/%2Fetc%2Fpasswd",
            "/repository/community/base/./../secret.txt",
            "/repository/community/base/packages/./Packages/../../../secret.txt",
            "/repository/community/base/....//....//secret.txt",
            "/repository/community/base/../other/" + "2026-11-16T00:00:00+00:00/private",
            "/repository/community/base/%2e%2e/%2e%2e/snapshots/other/2026-11-16T00:00:00%2b00:00/private",
            "/repository/community/base/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
            "/repository/community/base/packages/%2e%2e%5c%2e%2e%5csecret.txt",
            "/repository/community/base/C:%5cWindows%5cwin.ini",
            "/repository/community/base/%2e",
            "/repository/community/base/%2e%2e",
            "/repository/community/base/.parceler-manifest.json.gz");

    /**
     * Ways of climbing out that only look like one once decoded a second time or read by another
     * file system: the parser reads them as the plain names given, which no snapshot holds.
     */
    public record LiteralNames(String target, List<String> names) {
    }

    public static final List<LiteralNames> TRAVERSALS_READ_LITERALLY = List.of(
            new LiteralNames("/repository/community/base/%252e%252e/%252e%252e/secret.txt", List.of("%2e%2e", "%2e%2e", "secret.txt")),
            new LiteralNames("/repository/community/base/%ef%bc%8e%ef%bc%8e/secret.txt", List.of("\uff0e\uff0e", "secret.txt")),
            new LiteralNames("/repository/community/base/..;/..;/secret.txt", List.of("..;", "..;", "secret.txt")),
            new LiteralNames("/repository/community/base/packages/..;/..;/..;/secret.txt",
                    List.of("packages", "..;", "..;", "..;", "secret.txt")));

    /** Every traversal attempt, refused by the parser or read literally; over HTTP each is a 404. */
    public static Stream<String> traversals() {
        return Stream.concat(TRAVERSALS_REFUSED.stream(), TRAVERSALS_READ_LITERALLY.stream().map(LiteralNames::target));
    }

    /**
     * An encoded NUL and broken escapes: the parser refuses them; over HTTP, Jetty's parser may
     * refuse the NUL before any route runs (400), the route answers 404 for the rest.
     */
    public static final List<String> NUL_AND_BROKEN_ESCAPES = List.of(
            "/repository/community/base/%00", "/repository/community/base/packages/Packages%00.txt",
            "/repository/community/base/%00/../../secret.txt", "/repository/community/base/..%00/secret.txt",
            "/repository/community/base/%u002e%u002e/secret.txt", "/repository/community/base/%zz/secret.txt");
}
