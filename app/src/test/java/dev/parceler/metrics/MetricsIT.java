package dev.parceler.metrics;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.snapshot.CopyStats;
import dev.parceler.sync.JobRun;
import dev.parceler.sync.RunHistory;
import dev.parceler.testing.HttpProbe.Answer;
import dev.parceler.testing.RunningService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} as Prometheus scrapes it from a running server. */
class MetricsIT {
    @TempDir
    Path home;

    @Test
    void metricsTellDownloadsChecksRepositoriesAndTheLastSync() {
        try (RunningService service = RunningService.start(home, Map.of("METRICS_TOKEN", "scrape-token"))) {
            service.parceler().clock().set(Instant.parse("2026-11-26T12:00:00Z"));
            service.subscriptions().community("s1", "2027-01-01T00:00:00Z");
            service.parceler().createRepository("base", 7);
            service.parceler().snapshot("base", "2026-11-20T00:00:00+00:00", Map.of("Packages", "index"));
            RunHistory runs = service.parceler().installation().jobs().runs();
            long run = runs.start("base", JobRun.Kind.SYNC, UUID.randomUUID());
            service.parceler().clock().advance(Duration.ofSeconds(42));
            runs.finish(run, new RunHistory.Ending(JobRun.Outcome.SUCCEEDED, 0, List.of("done"), null, "2026-11-20T00:00:00+00:00",
                    new CopyStats(3, 7, 300, 700)));

            String machine = "Authorization: " + basic("m1", "s1");
            assertThat(service.http().get("/repository/community/base/Packages", machine).status()).isEqualTo(200);
            assertThat(service.http().get("/repository/community/base/Packages", machine).status()).isEqualTo(200);
            assertThat(service.http().get("/repository/community/base/missing", machine).status()).isEqualTo(404);
            assertThat(service.http().get("/repository/community/base/Packages").status()).isEqualTo(401);

            Answer refused = service.http().get("/metrics", "Authorization: Bearer wrong");
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");

            Answer scrape = service.http().get("/metrics", "Authorization: Bearer scrape-token");
            assertThat(scrape.status()).isEqualTo(200);
            assertThat(scrape.header("Content-Type")).startsWith("text/plain; version=0.0.4");
            assertThat(scrape.text().lines()).contains(
                    "parceler_downloads_total{realm=\"community\",status_class=\"2xx\"} 2.0",
                    "parceler_downloads_total{realm=\"community\",status_class=\"4xx\"} 2.0",
                    "parceler_downloads_total{realm=\"enterprise\",status_class=\"2xx\"} 0.0",
                    "parceler_subscription_checks_total{outcome=\"upstream_ok\",realm=\"community\"} 1.0",
                    "parceler_subscription_checks_total{outcome=\"cache_hit\",realm=\"community\"} 2.0",
                    "parceler_subscription_upstream_duration_seconds_count{realm=\"community\"} 1",
                    "parceler_served_snapshot_age_seconds{repository=\"base\"} " + (6 * 86_400.0 + 12 * 3600 + 42),
                    "parceler_repository_frozen{repository=\"base\"} 0.0",
                    "parceler_repository_delay_seconds{repository=\"base\"} 604800.0",
                    "parceler_last_sync_success{repository=\"base\"} 1.0",
                    "parceler_last_sync_duration_seconds{repository=\"base\"} 42.0",
                    "parceler_snapshot_files{repository=\"base\",way=\"copied\"} 3.0",
                    "parceler_snapshot_files{repository=\"base\",way=\"linked\"} 7.0",
                    "parceler_job_queue_depth{state=\"enqueued\"} 0.0");

            service.parceler().run("repo:freeze", "base");
            assertThat(service.http().get("/metrics", "Authorization: Bearer scrape-token").text().lines())
                    .contains("parceler_repository_frozen{repository=\"base\"} 1.0");
        }
    }

    @Test
    void withoutATokenThereAreNoMetrics() {
        try (RunningService service = RunningService.start(home, Map.of())) {
            assertThat(service.http().get("/metrics", "Authorization: Bearer anything").status()).isEqualTo(404);
        }
    }
}
