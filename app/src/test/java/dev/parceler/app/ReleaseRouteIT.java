package dev.parceler.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.HttpProbe.Answer;
import dev.parceler.testing.RunningService;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /repository/{name}/release} (and its old name, {@code /milestone}) and {@code GET /up} on the real server. */
class ReleaseRouteIT {
    @TempDir
    Path home;
    private RunningService service;

    private RunningService start(Map<String, String> environment) {
        service = RunningService.start(home, environment);
        service.parceler().createRepository("base", 7);
        return service;
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void theRightTokenEnqueuesARelease() {
        start(Map.of("REPOSITORY_RELEASE_TOKEN", "token-123"));

        Answer answer = service.http().post("/repository/base/release", "Authorization: Bearer token-123");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.text()).matches("\\{\"message\":\"Release job dispatched.\",\"job_id\":\"[0-9a-f-]{36}\"}");
        assertThat(service.parceler().jobNames("ENQUEUED")).containsExactly("release base");
    }

    @Test
    void theOldRouteAndTheOldTokenStillWork() {
        start(Map.of("REPOSITORY_MILESTONE_TOKEN", "token-123"));

        Answer answer = service.http().post("/repository/base/milestone", "Authorization: Bearer token-123");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text()).matches("\\{\"message\":\"Milestone release job dispatched.\",\"job_id\":\"[0-9a-f-]{36}\"}");
        assertThat(service.http().post("/repository/base/release", "Authorization: Bearer token-123").status()).isEqualTo(200);
        assertThat(service.parceler().jobNames("ENQUEUED")).containsExactly("release base", "release base");
    }

    @Test
    void withBothTokensSetEitherIsAccepted() {
        start(Map.of("REPOSITORY_RELEASE_TOKEN", "new-token", "REPOSITORY_MILESTONE_TOKEN", "old-token"));

        assertThat(service.http().post("/repository/base/release", "Authorization: Bearer new-token").status()).isEqualTo(200);
        assertThat(service.http().post("/repository/base/release", "Authorization: Bearer old-token").status()).isEqualTo(200);
        assertThat(service.http().post("/repository/base/milestone", "Authorization: Bearer new-token").status()).isEqualTo(200);
        assertThat(service.http().post("/repository/base/release", "Authorization: Bearer other").status()).isEqualTo(401);
        assertThat(service.parceler().jobNames("ENQUEUED")).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Authorization: Bearer wrong", "Authorization: Bearer token-1234", "Authorization: Bearer ",
            "Authorization: Basic dG9rZW4tMTIzOg==", "Authorization: token-123"})
    void aWrongOrMissingTokenIs401WithABearerChallenge(String header) {
        start(Map.of("REPOSITORY_RELEASE_TOKEN", "token-123"));

        for (String route : new String[] {"/repository/base/release", "/repository/base/milestone"}) {
            Answer answer = header.isEmpty() ? service.http().post(route) : service.http().post(route, header);

            assertThat(answer.status()).as(route).isEqualTo(401);
            assertThat(answer.header("WWW-Authenticate")).as(route).isEqualTo("Bearer");
        }
        assertThat(service.parceler().jobNames(null)).isEmpty();
    }

    @Test
    void withoutAConfiguredTokenTheRouteIsClosed() {
        start(Map.of());

        assertThat(service.http().post("/repository/base/release", "Authorization: Bearer ").status()).isEqualTo(401);
        assertThat(service.http().post("/repository/base/release", "Authorization: Bearer null").status()).isEqualTo(401);
        assertThat(service.http().post("/repository/base/milestone", "Authorization: Bearer ").status()).isEqualTo(401);
    }

    @Test
    void anUnknownRepositoryIs404() {
        start(Map.of("REPOSITORY_MILESTONE_TOKEN", "token-123"));

        Answer answer = service.http().post("/repository/missing/release", "Authorization: Bearer token-123");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.text()).isEqualTo("{\"message\":\"Repository 'missing' not found.\"}");
        assertThat(service.http().post("/repository/missing/milestone", "Authorization: Bearer token-123").status()).isEqualTo(404);
        assertThat(service.parceler().jobNames(null)).isEmpty();
    }

    @Test
    void pathsThatOnlyLookLikeTheRouteEnqueueNothing() {
        start(Map.of("REPOSITORY_MILESTONE_TOKEN", "token-123"));

        assertThat(service.http().post("/repository/base/extra/milestone", "Authorization: Bearer token-123").status())
                .isEqualTo(404);
        assertThat(service.http().post("/repository/b%u0061se/milestone", "Authorization: Bearer token-123").status())
                .isIn(400, 404);
        assertThat(service.parceler().jobNames(null)).isEmpty();
    }

    @Test
    void upAnswersWhenTheDatabaseDoes() {
        start(Map.of());

        Answer answer = service.http().get("/up");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text()).as("no worker or scheduler runs beside this server").isEqualTo(
                "{\"status\":\"up\",\"worker\":{\"seen\":false,\"last_seen\":null},\"scheduler\":{\"seen\":false,\"last_seen\":null}}");
    }

    @Test
    void upAnswers503WhenTheDatabaseDoesNot() {
        start(Map.of());
        // The pool closed under the running server: every connection attempt fails, as with a lost disk.
        service.parceler().installation().database().close();

        Answer answer = service.http().get("/up");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.text()).isEqualTo("{\"status\":\"database unavailable\"}");
    }
}
