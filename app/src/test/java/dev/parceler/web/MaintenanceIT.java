package dev.parceler.web;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.Eventually;
import dev.parceler.testing.HttpProbe.Answer;
import dev.parceler.testing.RunningService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parceler down} and {@code up} as a running server and its clients see them. */
class MaintenanceIT {
    static final String PACKAGES = "/repository/community/base/Packages";

    @TempDir
    Path home;
    private RunningService service;
    private String machine;

    @BeforeEach
    void start() {
        service = RunningService.start(home, Map.of("REPOSITORY_MILESTONE_TOKEN", "token-123"));
        service.subscriptions().community("s1", "2027-01-01T00:00:00Z");
        service.parceler().createRepository("base", 7);
        service.parceler().snapshot("base", "2026-11-20T00:00:00+00:00", Map.of("Packages", "index"));
        machine = "Authorization: " + basic("m1", "s1");
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private boolean down() {
        return service.http().get("/repository/community/base/Packages", machine).status() == 503;
    }

    @Test
    void downAnswers503WithRetryAfterEverywhereButUp() {
        assertThat(service.http().get(PACKAGES, machine).status()).isEqualTo(200);

        service.parceler().run("down", "--retry", "120");
        Eventually.await(Duration.ofSeconds(5), "the server sees maintenance", this::down);

        Answer download = service.http().get(PACKAGES, machine);
        assertThat(download.header("Retry-After")).isEqualTo("120");
        assertThat(service.http().get(PACKAGES).status()).as("even before credentials").isEqualTo(503);
        assertThat(service.http().post("/repository/base/release", "Authorization: Bearer token-123").status()).isEqualTo(503);
        assertThat(service.http().post("/repository/base/milestone", "Authorization: Bearer token-123").status()).isEqualTo(503);
        assertThat(service.http().get("/up").status()).isEqualTo(200);

        service.parceler().run("up");
        Eventually.await(Duration.ofSeconds(5), "the server sees the end of maintenance", () -> !down());
        assertThat(service.http().get(PACKAGES, machine).text()).isEqualTo("index");
    }

    @Test
    void withoutRetryThereIsNoRetryAfter() {
        service.parceler().run("down");
        Eventually.await(Duration.ofSeconds(5), "the server sees maintenance", this::down);

        assertThat(service.http().get(PACKAGES, machine).header("Retry-After")).isNull();
    }

    @Test
    void theSecretSetsACookieThatBypassesMaintenance() {
        service.parceler().run("down", "--secret", "let-me-in-please");
        Eventually.await(Duration.ofSeconds(5), "the server sees maintenance", this::down);

        assertThat(service.http().get("/wrong-secret-value").status()).isEqualTo(503);
        Answer visit = service.http().get("/let-me-in-please");
        assertThat(visit.status()).isEqualTo(302);
        assertThat(visit.header("Location")).isEqualTo("/up");
        assertThat(service.http().get(visit.header("Location")).status()).as("the page it lands on").isEqualTo(200);
        String setCookie = visit.header("Set-Cookie");
        assertThat(setCookie).startsWith(MaintenanceGate.COOKIE + "=").contains("HttpOnly").doesNotContain("let-me-in-please");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        assertThat(service.http().get(PACKAGES, machine, "Cookie: " + cookie).text()).isEqualTo("index");
        assertThat(service.http().get(PACKAGES, machine, "Cookie: " + MaintenanceGate.COOKIE + "=forged").status()).isEqualTo(503);
        assertThat(service.parceler().databaseContent()).noneMatch(row -> row.contains("let-me-in-please"));
    }

    @Test
    void aCookieOfAnEarlierSecretIsWorthNothing() {
        service.parceler().run("down", "--secret", "first-secret-1");
        Eventually.await(Duration.ofSeconds(5), "the server sees maintenance", this::down);
        String setCookie = service.http().get("/first-secret-1").header("Set-Cookie");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        service.parceler().run("up");
        Eventually.await(Duration.ofSeconds(5), "up", () -> !down());

        service.parceler().run("down", "--secret", "second-secret-2");
        Eventually.await(Duration.ofSeconds(5), "down again", this::down);

        assertThat(service.http().get(PACKAGES, machine, "Cookie: " + cookie).status()).isEqualTo(503);
    }
}
