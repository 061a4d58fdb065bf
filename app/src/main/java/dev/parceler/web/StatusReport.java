package dev.parceler.web;

import dev.parceler.database.BackupRecord;

import dev.parceler.maintenance.MaintenanceState;
import dev.parceler.maintenance.MaintenanceStore;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.snapshot.ServedSnapshot;
import dev.parceler.snapshot.SnapshotCatalog;
import dev.parceler.snapshot.SnapshotTimestamp;
import dev.parceler.sync.JobRun;
import dev.parceler.sync.RunHistory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Gathers the facts of the status page and of {@code /api/status} from the database and the
 * disk. The whole answer is computed at most once per {@code STATUS_CACHE} (one second by
 * default) and shared: the page is public by default, and each computation lists every
 * repository's snapshots (on s3 a LIST and a HEAD per folder) and reads the job queue, so a
 * thousand viewers must cost what one does. A viewer arriving while it is computed waits for it
 * rather than computing it again.
 */
public final class StatusReport {
    private final RepositoryStore repositories;
    private final SnapshotCatalog snapshots;
    private final RunHistory runs;
    private final MaintenanceStore maintenance;
    private final QueuedJobs queue;
    private final ProcessSightings sightings;
    private final Clock clock;
    private final Duration every;
    private final Optional<BackupRecord> backups;
    private ServiceStatus last;
    private Instant lastAt = Instant.MIN;

    public StatusReport(RepositoryStore repositories, SnapshotCatalog snapshots, RunHistory runs, MaintenanceStore maintenance,
            QueuedJobs queue, ProcessSightings sightings, Clock clock, Duration every, Optional<BackupRecord> backups) {
        this.backups = backups;
        this.repositories = repositories;
        this.snapshots = snapshots;
        this.runs = runs;
        this.maintenance = maintenance;
        this.queue = queue;
        this.sightings = sightings;
        this.clock = clock;
        this.every = every;
    }

    /** The status as computed within the last {@code STATUS_CACHE}, else now. */
    public synchronized ServiceStatus now() {
        Instant at = clock.instant();
        if (last == null || !at.isBefore(lastAt.plus(every)) || at.isBefore(lastAt)) {
            last = compute();
            lastAt = at;
        }
        return last;
    }

    /** The next {@link #now} computes anew: something this process did (a console action) changed it. */
    public synchronized void changed() {
        last = null;
    }

    private ServiceStatus compute() {
        Optional<MaintenanceState> down = maintenance.current();
        Map<String, List<ServiceStatus.Job>> jobs = queue.now().stream().collect(Collectors.groupingBy(QueuedJobs.QueuedJob::repository,
                Collectors.mapping(job -> new ServiceStatus.Job(job.kind(), job.state()), Collectors.toList())));
        List<ServiceStatus.RepositoryStatus> rows = repositories.all().stream()
                .map(repository -> repository(repository, jobs.getOrDefault(repository.name(), List.of())))
                .toList();
        return new ServiceStatus(down.isPresent() ? ServiceStatus.MAINTENANCE : ServiceStatus.UP,
                down.flatMap(MaintenanceState::retryAfter).orElse(null), clock.instant(),
                sightings.worker().orElse(null), sightings.scheduler().orElse(null), rows, backups.map(this::backup).orElse(null));
    }

    private ServiceStatus.Backup backup(BackupRecord record) {
        BackupRecord.Last last = record.last();
        return new ServiceStatus.Backup(last.at().orElse(null),
                last.at().map(at -> Math.max(0, Duration.between(at, clock.instant()).toSeconds())).orElse(null),
                last.file().orElse(null), last.failedAt().orElse(null), last.failure().orElse(null));
    }

    public ServiceStatus.RepositoryStatus repository(Repository repository, List<ServiceStatus.Job> jobs) {
        Instant now = clock.instant();
        List<String> folders = snapshots.snapshots(repository);
        Optional<ServedSnapshot> served = snapshots.served(repository);
        Optional<Instant> takenAt = served.flatMap(snapshot -> SnapshotTimestamp.parse(snapshot.folder()));
        Optional<String> next = served.filter(snapshot -> snapshot.reason() == ServedSnapshot.Reason.WITHIN_DELAY)
                .flatMap(snapshot -> nextAfter(folders, takenAt.orElseThrow()));
        Instant nextChange = next.isPresent() ? takenAt.orElseThrow().plus(Duration.ofDays(repository.delay())) : null;
        ServiceStatus.LastRun lastRun = runs.recent(repository.name(), 1).stream().findFirst().map(StatusReport::lastRun).orElse(null);
        return new ServiceStatus.RepositoryStatus(
                repository.name(),
                repository.delay(),
                served.map(ServedSnapshot::folder).orElse(null),
                takenAt.orElse(null),
                takenAt.map(taken -> Math.max(0, Duration.between(taken, now).toSeconds())).orElse(null),
                served.map(snapshot -> snapshot.reason().name().toLowerCase(Locale.ROOT)).orElse(null),
                repository.frozen(),
                served.filter(snapshot -> snapshot.reason() == ServedSnapshot.Reason.NEWEST_PAST_DELAY).isPresent(),
                nextChange,
                next.orElse(null),
                lastRun,
                jobs);
    }

    /** The timestamped snapshot that follows the served one when the delay window moves past it. */
    static Optional<String> nextAfter(List<String> folders, Instant served) {
        return folders.stream()
                .flatMap(folder -> SnapshotTimestamp.parse(folder).filter(taken -> taken.isAfter(served))
                        .map(taken -> Map.entry(folder, taken)).stream())
                .min(Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey);
    }

    static ServiceStatus.LastRun lastRun(JobRun run) {
        return new ServiceStatus.LastRun(run.kind().label(), run.outcome().label(), run.startedAt(), run.finishedAt().orElse(null),
                run.duration().map(Duration::toSeconds).orElse(null), run.message().orElse(null));
    }

}
