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

/** {@code POST /repository/{name}/milestone} and {@code GET /up} on the real server. */
class MilestoneRouteIT {
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
    void theRightTokenEnqueuesAMilestone() {
        start(Map.of("REPOSITORY_MILESTONE_TOKEN", "token-123"));

        Answer answer = service.http().post("/repository/base/milestone", "Authorization: Bearer token-123");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.text()).matches("\\{\"message\":\"Milestone release job dispatched.\",\"job_id\":\"[0-9a-f-]{36}\"}");
        assertThat(service.parceler().jobNames("ENQUEUED")).containsExactly("milestone base");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Authorization: Bearer wrong", "Authorization: Bearer token-1234", "Authorization: Bearer ",
            "Authorization: Basic dG9rZW4tMTIzOg==", "Authorization: token-123"})
    void aWrongOrMissingTokenIs401WithABearerChallenge(String header) {
        start(Map.of("REPOSITORY_MILESTONE_TOKEN", "token-123"));

        Answer answer = header.isEmpty() ? service.http().post("/repository/base/milestone")
                : service.http().post("/repository/base/milestone", header);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(service.parceler().jobNames(null)).isEmpty();
    }

    @Test
    void withoutAConfiguredTokenTheRouteIsClosed() {
        start(Map.of());

        assertThat(service.http().post("/repository/base/milestone", "Authorization: Bearer ").status()).isEqualTo(401);
        assertThat(service.http().post("/repository/base/milestone", "Authorization: Bearer null").status()).isEqualTo(401);
    }

    @Test
    void anUnknownRepositoryIs404() {
        start(Map.of("REPOSITORY_MILESTONE_TOKEN", "token-123"));

        Answer answer = service.http().post("/repository/missing/milestone", "Authorization: Bearer token-123");

        assertThat(answer.status()).isEqualTo(404);
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
        assertThat(answer.text()).isEqualTo("{\"status\":\"up\"}");
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
