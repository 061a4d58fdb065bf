package dev.parceler.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.Background;
import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.Eventually;
import dev.parceler.testing.RunningService;
import dev.parceler.testing.S3Server;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.Trees;
import dev.parceler.testing.WebhookReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups the scheduler takes on BACKUP_SCHEDULE, by a real scheduler process: the newest
 * BACKUP_KEEP kept, their age on /api/status and /metrics, a restore from one end to end, and a
 * failure recorded and told.
 */
class ScheduledBackupsIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path home;

    private List<String> backups(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> listed = Files.list(folder)) {
            return listed.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".sqlite")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Test
    void backupsAreTakenOnScheduleKeptToTheirNumberShownAndRestored() {
        Path folder = home.resolve("backups");
        // Every two seconds (a cron of six fields, seconds first): three backups within a few seconds.
        Map<String, String> environment = Map.of("APP_TIMEZONE", "UTC", "BACKUP_SCHEDULE", "*/2 * * * * *", "BACKUP_DIR",
                folder.toString(), "BACKUP_KEEP", "2", "METRICS_TOKEN", "scrape-token", "REPOSITORY_RELEASE_TOKEN", "release-token");
        Set<String> seen = new HashSet<>();
        try (RunningService service = RunningService.start(home, environment)) {
            service.parceler().createRepository("base", 7);
            try (Background scheduler = Background.start(home, environment, "scheduler", "scheduler")) {
                Eventually.await(PATIENCE, "three scheduled backups", () -> {
                    seen.addAll(backups(folder));
                    return seen.size() >= 3;
                }, () -> "seen " + seen + "; scheduler log: " + scheduler.log());
                Eventually.await(PATIENCE, "only the newest two kept", () -> backups(folder).size() == 2, () -> "kept " + backups(folder));
                service.parceler().clock().set(java.time.Instant.now());
                String status = service.http().get("/api/status", "Authorization: Bearer release-token").text();
                assertThat(status).contains("\"backup\":{\"last_at\":\"").contains("\"file\":\"parceler-").contains("\"failure\":null");
                String metrics = service.http().get("/metrics", "Authorization: Bearer scrape-token").text();
                assertThat(metrics).contains("parceler_backup_age_seconds ", "parceler_backup_failing 0.0");
            }
        }

        // The machine is lost: a new one is restored from the newest backup kept, and has the repository.
        Path newest = folder.resolve(backups(folder).get(1));
        try (TestInstallation replacement = TestInstallation.in(home.resolve("replacement"))) {
            ConsoleResult restored = replacement.run("db:restore", newest.toString(), "--force");
            assertThat(restored.exitCode()).as(restored.toString()).isZero();
        }
        try (TestInstallation replacement = TestInstallation.in(home.resolve("replacement"))) {
            assertThat(replacement.run("repo:list").out()).contains("| base ");
        }
    }

    @Test
    void backupsKeptInTheBucketAreFetchedAndRestoredOnANewMachine() {
        try (S3Server s3 = S3Server.start()) {
            Map<String, String> environment = new HashMap<>(s3.environment());
            environment.remove("FILESYSTEM_DISK"); // the repositories stay on this machine's disk; only the backups leave it
            environment.putAll(Map.of("APP_TIMEZONE", "UTC", "BACKUP_SCHEDULE", "*/2 * * * * *", "BACKUP_DIR",
                    home.resolve("backups").toString(), "BACKUP_KEEP", "2", "BACKUP_DISK", "s3"));
            Set<String> seen = new HashSet<>();
            try (RunningService service = RunningService.start(home, environment)) {
                service.parceler().createRepository("base", 7);
                try (Background scheduler = Background.start(home, environment, "scheduler", "scheduler")) {
                    Eventually.await(PATIENCE, "three backups uploaded", () -> {
                        seen.addAll(s3.keys("backups/"));
                        return seen.size() >= 3;
                    }, () -> "seen " + seen + "; scheduler log: " + scheduler.log());
                    Eventually.await(PATIENCE, "only the newest two kept in the bucket", () -> s3.keys("backups/").size() == 2,
                            () -> "kept " + s3.keys("backups/"));
                    assertThat(scheduler.log()).contains("Scheduled backup written: parceler-", " in s3://" + S3Server.BUCKET + "/backups/");
                    // Between two backups nothing is left on the machine (while one is written, it is there until uploaded).
                    Eventually.await(PATIENCE, "no backup left on the machine between two", () -> backups(home.resolve("backups")).isEmpty(),
                            () -> "on the machine: " + backups(home.resolve("backups")));
                }
            }
            // A backup uploaded as the scheduler stopped may not have been followed by its pruning yet.
            List<String> kept = s3.keys("backups/");
            assertThat(kept).hasSizeBetween(2, 3).allMatch(key -> key.matches("backups/parceler-\\d{8}T\\d{6}Z\\.sqlite"));
            List<String> expected = new java.util.ArrayList<>(List.of(kept.size() + " backups in s3://" + S3Server.BUCKET + "/backups/:"));
            for (int i = kept.size() - 1; i >= 0; i--) {
                expected.add("  " + kept.get(i).substring("backups/".length()));
            }

            // The machine is lost: a new one, with the bucket's settings only, lists the backups, fetches the newest, restores it.
            Path replacement = home.resolve("replacement");
            try (TestInstallation fresh = TestInstallation.in(replacement)) {
                environment.forEach(fresh::env);
                fresh.env("BACKUP_DIR", replacement.resolve("fetched").toString());
                String newest = kept.get(kept.size() - 1).substring("backups/".length());
                ConsoleResult listed = fresh.run("db:backups");
                assertThat(listed.outLines()).isEqualTo(expected);
                ConsoleResult fetched = fresh.run("db:backups", "--fetch", newest);
                Path file = replacement.resolve("fetched").resolve(newest);
                assertThat(fetched.outLines()).containsExactly("Backup " + newest + " is " + file + ". Restore it with: parceler"
                        + " db:restore " + file + " --force");
                fresh.refuses("There is no backup 'parceler-20200101T000000Z.sqlite' in s3://" + S3Server.BUCKET + "/backups/"
                        + " (parceler db:backups lists them).", "db:backups", "--fetch", "parceler-20200101T000000Z.sqlite");
                ConsoleResult restored = fresh.run("db:restore", file.toString(), "--force");
                assertThat(restored.exitCode()).as(restored.toString()).isZero();
            }
            try (TestInstallation fresh = TestInstallation.in(replacement)) {
                assertThat(fresh.run("repo:list").out()).contains("| base ");
            }
        }
    }

    @Test
    void aFailedBackupIsRecordedShownAndTold() {
        Path notAFolder = Trees.write(home.resolve("not-a-folder"), "a file where the backups would go");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Map<String, String> environment = Map.of("APP_TIMEZONE", "UTC", "BACKUP_SCHEDULE", "*/2 * * * * *", "BACKUP_DIR",
                    notAFolder.resolve("backups").toString(), "NOTIFY_WEBHOOKS", receiver.url("/hook"), "REPOSITORY_RELEASE_TOKEN",
                    "release-token");
            try (RunningService service = RunningService.start(home, environment);
                    Background scheduler = Background.start(home, environment, "scheduler", "scheduler")) {
                Eventually.await(PATIENCE, "the failure told", () -> !receiver.posts("/hook").isEmpty(), scheduler::log);
                assertThat(receiver.posts("/hook").get(0)).contains("\"event\":\"backup_failed\"", "the scheduled backup of ");
                assertThat(scheduler.log()).contains("Scheduled backup to ", " failed: ");
                service.parceler().clock().set(java.time.Instant.now());
                assertThat(service.http().get("/api/status", "Authorization: Bearer release-token").text())
                        .contains("\"backup\":{\"last_at\":null").doesNotContain("\"failure\":null");
            }
        }
    }
}
