package dev.parceler.worker;

import dev.parceler.sync.LocalProcesses;
import dev.parceler.sync.RepositoryLease;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a dead worker's sync command left running. Its shell dies with the worker, but programs it
 * started (rclone, a copy) may run on, writing the repository's source folder: they are killed
 * before the job runs again, so that two runs never write it at once.
 */
public final class Leftovers {
    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

    private final LocalProcesses processes;

    public Leftovers(LocalProcesses processes) {
        this.processes = processes;
    }

    /** Kills the command group a lease holder recorded, when it ran in this process space; returns how many processes. */
    public int kill(RepositoryLease.Holder holder) throws InterruptedException {
        Optional<Long> group = holder.commandGroup();
        if (group.isEmpty() || holder.worker().isEmpty() || !processes.space().equals(Optional.of(holder.worker().get().space()))) {
            return 0;
        }
        int killed = processes.killGroup(group.get(), SyncEnvironment.REPOSITORY_VARIABLE + "=" + holder.repository());
        if (killed > 0) {
            LOG.warn("[{}] killed {} processes left by the sync command of job {}, whose worker died", holder.repository(), killed,
                    holder.job());
        }
        return killed;
    }
}
