package dev.parceler.web;

import java.time.Instant;
import java.util.Optional;
import org.jobrunr.storage.BackgroundJobServerStatus;
import org.jobrunr.storage.StorageProvider;

/**
 * Sightings from what is recorded today: a worker is the job library's background job server,
 * which writes its heartbeat to the shared database every few seconds. The scheduler records no
 * sign of life yet, so it is unknown; a heartbeat table read through {@link ProcessSightings}
 * can answer for both later.
 */
final class JobServerSightings implements ProcessSightings {
    private final StorageProvider jobs;

    JobServerSightings(StorageProvider jobs) {
        this.jobs = jobs;
    }

    @Override
    public Optional<Instant> worker() {
        try {
            return jobs.getBackgroundJobServers().stream().map(BackgroundJobServerStatus::getLastHeartbeat).max(Instant::compareTo);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Instant> scheduler() {
        return Optional.empty();
    }

}
