package dev.parceler.worker;

import dev.parceler.sync.LocalProcesses;
import dev.parceler.sync.RepositoryLease;
import dev.parceler.sync.RunHistory;
import java.util.Optional;
import java.util.UUID;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.storage.ConcurrentJobModificationException;
import org.jobrunr.storage.JobNotFoundException;
import org.jobrunr.storage.StorageProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs whose worker died, noticed by another worker of the same machine within a few seconds
 * (the job library alone notices after several poll intervals, 20 s at the least): the lease's
 * holder process is gone. The lease is taken from it, what its command left is killed, its run
 * is recorded as interrupted, and the job is enqueued to run again from the start.
 */
public final class OrphanedJobs {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanedJobs.class);

    private final RepositoryLease lease;
    private final LocalProcesses processes;
    private final Leftovers leftovers;
    private final RunHistory runs;
    private final StorageProvider jobs;

    public OrphanedJobs(RepositoryLease lease, LocalProcesses processes, Leftovers leftovers, RunHistory runs, StorageProvider jobs) {
        this.lease = lease;
        this.processes = processes;
        this.leftovers = leftovers;
        this.runs = runs;
        this.jobs = jobs;
    }

    /** Looks for leases held by dead workers of this process space once; returns how many jobs it sent to run again. */
    public int sweep() throws InterruptedException {
        Optional<String> space = processes.space();
        if (space.isEmpty()) {
            return 0;
        }
        int again = 0;
        for (RepositoryLease.Holder holder : lease.holders()) {
            if (holder.worker().isEmpty() || !holder.worker().get().space().equals(space.get()) || processes.alive(holder.worker().get())) {
                continue;
            }
            if (!lease.releaseDead(holder)) {
                continue; // another worker got there first, or the job already runs again
            }
            leftovers.kill(holder);
            long pid = holder.worker().get().pid();
            Optional<UUID> job = jobId(holder.job());
            job.ifPresent(id -> runs.interrupt(id, "its worker (pid " + pid + ") died; the job runs again from the start"));
            boolean enqueued = job.isPresent() && enqueueAgain(job.get(), pid);
            LOG.warn("[{}] the worker running job {} (pid {}) died: {}", holder.repository(), holder.job(), pid,
                    enqueued ? "the job runs again from the start" : "its lease is released");
            if (enqueued) {
                again++;
            }
        }
        return again;
    }

    private boolean enqueueAgain(UUID id, long pid) {
        try {
            Job job = jobs.getJobById(id);
            if (job.getState() != StateName.PROCESSING) {
                return false; // the job library has moved it on already
            }
            job.failed("Its worker died", new WorkerDiedException("the worker (pid " + pid + ") running the job died"));
            job.enqueue();
            jobs.save(job);
            return true;
        } catch (JobNotFoundException | ConcurrentJobModificationException e) {
            return false;
        }
    }

    private static Optional<UUID> jobId(String holder) {
        try {
            return Optional.of(UUID.fromString(holder));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
