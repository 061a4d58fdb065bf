package dev.parceler.metrics;

import dev.parceler.auth.CheckTally;
import dev.parceler.auth.Realm;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.snapshot.CopyStats;
import dev.parceler.sync.JobRun;
import dev.parceler.sync.RunHistory;
import dev.parceler.web.QueuedJobs;
import dev.parceler.web.ServiceStatus;
import dev.parceler.web.StatusReport;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jobrunr.jobs.states.StateName;

/**
 * Parceler's metrics, gathered when Prometheus scrapes: repository facts from the database and
 * the disk (shared by every process, so any app process answers the same), downloads and
 * subscription checks as counted by this process. Names follow Prometheus conventions: a
 * {@code parceler_} prefix, base units (seconds, bytes), {@code _total} for counters.
 */
public final class ParcelerMetrics implements MultiCollector {
    private final RepositoryStore repositories;
    private final StatusReport status;
    private final RunHistory runs;
    private final QueuedJobs queue;
    private final DownloadCounts downloads;
    private final CheckTally checks;

    public ParcelerMetrics(RepositoryStore repositories, StatusReport status, RunHistory runs, QueuedJobs queue, DownloadCounts downloads,
            CheckTally checks) {
        this.repositories = repositories;
        this.status = status;
        this.runs = runs;
        this.queue = queue;
        this.downloads = downloads;
        this.checks = checks;
    }

    @Override
    public MetricSnapshots collect() {
        GaugeSnapshot.Builder age = GaugeSnapshot.builder().name("parceler_served_snapshot_age_seconds")
                .help("Age of the snapshot each repository serves, from its timestamp (absent when it serves a folder made by hand or nothing)");
        GaugeSnapshot.Builder frozen = GaugeSnapshot.builder().name("parceler_repository_frozen")
                .help("1 when the repository is frozen on a snapshot, else 0");
        GaugeSnapshot.Builder delay = GaugeSnapshot.builder().name("parceler_repository_delay_seconds")
                .help("How long the repository holds releases back");
        GaugeSnapshot.Builder success = GaugeSnapshot.builder().name("parceler_last_sync_success")
                .help("1 when the repository's last finished sync or release succeeded, else 0");
        GaugeSnapshot.Builder duration = GaugeSnapshot.builder().name("parceler_last_sync_duration_seconds")
                .help("How long the repository's last finished sync or release took");
        GaugeSnapshot.Builder finished = GaugeSnapshot.builder().name("parceler_last_sync_timestamp_seconds")
                .help("When the repository's last finished sync or release ended (Unix time)");
        GaugeSnapshot.Builder lastSuccess = GaugeSnapshot.builder().name("parceler_last_sync_success_timestamp_seconds")
                .help("When the repository's last successful sync or release ended (Unix time)");
        GaugeSnapshot.Builder files = GaugeSnapshot.builder().name("parceler_snapshot_files")
                .help("Files of the repository's newest snapshot, by how they got there: copied (new or changed) or linked (shared with the previous one)");
        GaugeSnapshot.Builder bytes = GaugeSnapshot.builder().name("parceler_snapshot_bytes")
                .help("Bytes of the repository's newest snapshot, copied or linked");
        for (Repository repository : repositories.all()) {
            Labels labels = Labels.of("repository", repository.name());
            ServiceStatus.RepositoryStatus row = status.repository(repository, List.of());
            if (row.servedSnapshotAgeSeconds() != null) {
                age.dataPoint(gauge(labels, row.servedSnapshotAgeSeconds()));
            }
            frozen.dataPoint(gauge(labels, repository.frozen() ? 1 : 0));
            delay.dataPoint(gauge(labels, repository.delay() * 86_400.0));
            List<JobRun> recent = runs.recent(repository.name(), 20);
            Optional<JobRun> last = recent.stream().filter(run -> run.finishedAt().isPresent() && run.outcome() != JobRun.Outcome.RUNNING).findFirst();
            last.ifPresent(run -> {
                success.dataPoint(gauge(labels, run.outcome() == JobRun.Outcome.SUCCEEDED ? 1 : 0));
                duration.dataPoint(gauge(labels, run.duration().orElseThrow().toMillis() / 1000.0));
                finished.dataPoint(gauge(labels, run.finishedAt().orElseThrow().toEpochMilli() / 1000.0));
            });
            recent.stream().filter(run -> run.outcome() == JobRun.Outcome.SUCCEEDED).findFirst()
                    .ifPresent(run -> lastSuccess.dataPoint(gauge(labels, run.finishedAt().orElseThrow().toEpochMilli() / 1000.0)));
            recent.stream().filter(run -> run.stats().isPresent()).findFirst().ifPresent(run -> {
                CopyStats stats = run.stats().orElseThrow();
                files.dataPoint(gauge(labels.add("way", "copied"), stats.filesCopied()));
                files.dataPoint(gauge(labels.add("way", "linked"), stats.filesLinked()));
                bytes.dataPoint(gauge(labels.add("way", "copied"), stats.bytesCopied()));
                bytes.dataPoint(gauge(labels.add("way", "linked"), stats.bytesLinked()));
            });
        }
        List<MetricSnapshot> all = new ArrayList<>(List.of(age.build(), frozen.build(), delay.build(), success.build(), duration.build(),
                finished.build(), lastSuccess.build(), files.build(), bytes.build()));

        CounterSnapshot.Builder downloaded = CounterSnapshot.builder().name("parceler_downloads")
                .help("Download requests answered by this process, by realm and status class");
        CounterSnapshot.Builder checked = CounterSnapshot.builder().name("parceler_subscription_checks")
                .help("Download authorizations by outcome: cache_hit, upstream_ok, refused (by the subscription service), upstream_error");
        SummarySnapshot.Builder latency = SummarySnapshot.builder().name("parceler_subscription_upstream_duration_seconds")
                .help("Time the subscription service took to answer, per realm");
        for (Realm realm : Realm.values()) {
            for (int statusClass = 0; statusClass < DownloadCounts.CLASSES.length; statusClass++) {
                downloaded.dataPoint(CounterDataPointSnapshot.builder()
                        .labels(Labels.of("realm", realm.label(), "status_class", DownloadCounts.CLASSES[statusClass]))
                        .value(downloads.count(realm, statusClass)).build());
            }
            for (CheckTally.Outcome outcome : CheckTally.Outcome.values()) {
                checked.dataPoint(CounterDataPointSnapshot.builder().labels(Labels.of("realm", realm.label(), "outcome", outcome.label()))
                        .value(checks.count(realm, outcome)).build());
            }
            latency.dataPoint(SummaryDataPointSnapshot.builder().labels(Labels.of("realm", realm.label()))
                    .count(checks.upstreamCalls(realm)).sum(checks.upstreamSeconds(realm)).build());
        }
        GaugeSnapshot.Builder depth = GaugeSnapshot.builder().name("parceler_job_queue_depth")
                .help("Jobs waiting or running, by state (awaiting, scheduled, enqueued, processing)");
        for (Map.Entry<StateName, Long> state : queue.depth().entrySet()) {
            depth.dataPoint(gauge(Labels.of("state", state.getKey().name().toLowerCase(Locale.ROOT)), state.getValue()));
        }
        ServiceStatus.Backup backup = status.now().backup();
        if (backup != null) {
            GaugeSnapshot.Builder backupAge = GaugeSnapshot.builder().name("parceler_backup_age_seconds")
                    .help("Seconds since the last good scheduled backup (BACKUP_SCHEDULE); absent before the first");
            if (backup.ageSeconds() != null) {
                backupAge.dataPoint(gauge(Labels.EMPTY, backup.ageSeconds()));
            }
            all.add(backupAge.build());
            all.add(GaugeSnapshot.builder().name("parceler_backup_failing")
                    .help("1 when the last scheduled backup failed, else 0").dataPoint(gauge(Labels.EMPTY, backup.failure() == null ? 0 : 1))
                    .build());
        }
        all.add(downloaded.build());
        all.add(checked.build());
        all.add(latency.build());
        all.add(depth.build());
        return new MetricSnapshots(all);
    }

    private static GaugeDataPointSnapshot gauge(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}
