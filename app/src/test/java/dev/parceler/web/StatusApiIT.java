package dev.parceler.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parceler.testing.Eventually;
import dev.parceler.testing.HttpProbe.Answer;
import dev.parceler.testing.RunningService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/status}, {@code STATUS_PAGE=admin} and the plain maintenance answer for clients that do not ask for HTML. */
class StatusApiIT {
    @TempDir
    Path home;

    @Test
    void theStatusApiAnswersTheReleaseTokenWithTheFactsOfTheStatusPage() throws Exception {
        try (RunningService service = RunningService.start(home, Map.of("REPOSITORY_RELEASE_TOKEN", "release-token"))) {
            service.parceler().clock().set(Instant.parse("2026-11-26T12:00:00Z"));
            service.parceler().createRepository("base", 7);
            service.parceler().snapshot("base", "2026-11-20T00:00:00+00:00");
            service.parceler().snapshot("base", "2026-11-27T00:00:00+00:00");
            service.parceler().run("repo:sync", "base");

            Answer anonymous = service.http().get("/api/status");
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(service.http().get("/api/status", "Authorization: Bearer wrong").status()).isEqualTo(401);

            Answer answer = service.http().get("/api/status", "Authorization: Bearer release-token");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("Content-Type")).startsWith("application/json");
            JsonNode status = new ObjectMapper().readTree(answer.text());
            assertThat(status.get("state").asText()).isEqualTo("up");
            assertThat(status.get("generated_at").asText()).isEqualTo("2026-11-26T12:00:00Z");
            assertThat(status.get("worker_last_seen").isNull()).as("no worker runs: unknown").isTrue();
            JsonNode base = status.get("repositories").get(0);
            assertThat(base.get("name").asText()).isEqualTo("base");
            assertThat(base.get("delay_days").asInt()).isEqualTo(7);
            assertThat(base.get("served_snapshot").asText()).isEqualTo("2026-11-20T00:00:00+00:00");
            assertThat(base.get("served_snapshot_taken_at").asText()).isEqualTo("2026-11-20T00:00:00Z");
            assertThat(base.get("served_snapshot_age_seconds").asLong()).isEqualTo(6 * 86_400 + 12 * 3600);
            assertThat(base.get("served_because").asText()).isEqualTo("within_delay");
            assertThat(base.get("frozen").asBoolean()).isFalse();
            assertThat(base.get("stale").asBoolean()).isFalse();
            assertThat(base.get("next_change_at").asText()).isEqualTo("2026-11-27T00:00:00Z");
            assertThat(base.get("next_snapshot").asText()).isEqualTo("2026-11-27T00:00:00+00:00");
            assertThat(base.get("last_run").isNull()).isTrue();
            assertThat(base.get("jobs").get(0).get("kind").asText()).isEqualTo("sync");
            assertThat(base.get("jobs").get(0).get("state").asText()).isEqualTo("enqueued");
        }
    }

    @Test
    void withStatusPageAdminTheStatusPageNeedsASignedInAdmin() {
        try (RunningService service = RunningService.start(home, Map.of("STATUS_PAGE", "admin"))) {
            Answer page = service.http().get("/", "Accept: text/html");
            assertThat(page.status()).isEqualTo(303);
            assertThat(page.header("Location")).isEqualTo("/login?next=%2F");
            assertThat(service.http().get("/login").status()).isEqualTo(200);
        }
    }

    @Test
    void duringMaintenanceClientsThatDoNotAskForHtmlKeepThePlainAnswer() {
        try (RunningService service = RunningService.start(home, Map.of())) {
            service.parceler().run("down", "--retry", "120");
            Eventually.await(Duration.ofSeconds(5), "the server sees maintenance", () -> service.http().get("/").status() == 503);

            Answer plain = service.http().get("/repository/community/base/Packages", "Accept: */*");
            assertThat(plain.text()).isEqualTo("Service Unavailable: maintenance");
            assertThat(plain.header("Retry-After")).isEqualTo("120");
            Answer browser = service.http().get("/", "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
            assertThat(browser.status()).isEqualTo(503);
            assertThat(browser.header("Retry-After")).isEqualTo("120");
            assertThat(browser.header("Content-Type")).startsWith("text/html");
            assertThat(browser.text()).contains("<h1>Down for maintenance</h1>").contains("Please try again in 2 minutes");
        }
    }
}
