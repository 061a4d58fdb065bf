package dev.parceler.download;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.HttpProbe.Answer;
import dev.parceler.testing.RefusedRequests;
import dev.parceler.testing.RunningService;
import dev.parceler.testing.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests that must not reach a file: one server for all of them, since none changes anything. */
class RequestRefusalIT {
    static final String MACHINE = basic("machine-1", "good-secret");
    static final String PACKAGES = "/repository/community/base/packages/Packages";

    private static Path home;
    private static RunningService service;

    @BeforeAll
    static void start() throws IOException {
        home = Files.createTempDirectory("refusals");
        service = RunningService.start(home, Map.of());
        service.subscriptions().community("good-secret", "2027-01-01T00:00:00Z");
        service.parceler().createRepository("base", 7);
        service.parceler().snapshot("base", "2026-11-16T00:00:00+00:00", Map.of("packages/Packages", "index served"));
        Trees.write(service.parceler().storageRoot().resolve("secret.txt"), "outside every snapshot");
        Trees.write(service.parceler().storageRoot().resolve("snapshots/other/2026-11-16T00:00:00+00:00/private"), "another repository");
    }

    @AfterAll
    static void stop() throws IOException {
        service.close();
        try (var tree = Files.walk(home)) {
            for (Path path : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    static List<String> malformedCredentials() {
        return RefusedRequests.MALFORMED_CREDENTIALS;
    }

    static Stream<String> traversals() {
        return RefusedRequests.traversals();
    }

    static List<String> nulAndBrokenEscapes() {
        return RefusedRequests.NUL_AND_BROKEN_ESCAPES;
    }

    @ParameterizedTest
    @MethodSource("malformedCredentials")
    void malformedCredentialsAreAChallengeToo(String header) {
        Answer answer = service.http().get(PACKAGES, "Authorization: " + header);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).startsWith("Basic");
    }

    /** Every way of climbing out of the snapshot that a client might try (RequestPathTest reads each one). None may escape. */
    @ParameterizedTest
    @MethodSource("traversals")
    void traversalNeverEscapesTheSnapshot(String target) {
        Answer answer = service.http().get(target, "Authorization: " + MACHINE);

        assertThat(answer.status()).as(target).isEqualTo(404);
        assertThat(answer.text()).doesNotContain("outside every snapshot").doesNotContain("another repository");
    }

    /**
     * The HTTP parser refuses an encoded NUL outright (400) before any route runs; a broken escape
     * names no file (404). Nothing is read either way.
     */
    @ParameterizedTest
    @MethodSource("nulAndBrokenEscapes")
    void nulAndBrokenEscapesAreRefused(String target) {
        Answer answer = service.http().get(target, "Authorization: " + MACHINE);

        assertThat(answer.status()).as(target).isIn(400, 404);
        assertThat(answer.text()).doesNotContain("outside every snapshot").doesNotContain("index served");
    }

    /** A name longer than any file system holds names no file: 404, and nothing in the log but the access line. */
    @ParameterizedTest
    @ValueSource(ints = {256, 300, 4000})
    void anOverLongNameIsNotFoundWithoutAnError(int length) {
        String name = "a".repeat(length);
        try (dev.parceler.testing.CapturedLog log = new dev.parceler.testing.CapturedLog()) {
            Answer answer = service.http().get("/repository/community/base/packages/" + name, "Authorization: " + MACHINE);
            Answer nested = service.http().get("/repository/community/base/" + name + "/Packages", "Authorization: " + MACHINE);

            assertThat(answer.status()).isEqualTo(404);
            assertThat(nested.status()).isEqualTo(404);
            assertThat(log.text()).doesNotContain("failed").doesNotContain("File name too long");
        }
    }
}
