package dev.parceler.web;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.navigation.AmountRequest;

/**
 * The jobs waiting or running now, read from the job library's store. Job names are
 * {@code "<kind> <repository>"} (see {@code JobQueue}), which tells which repository each is for.
 */
public final class QueuedJobs {
    static final List<StateName> WAITING = List.of(StateName.AWAITING, StateName.SCHEDULED, StateName.ENQUEUED, StateName.PROCESSING);
    private static final int LIMIT = 500;

    private final StorageProvider jobs;

    public QueuedJobs(StorageProvider jobs) {
        this.jobs = jobs;
    }

    /** One waiting or running job: its kind (sync, release), repository and state. */
    public record QueuedJob(String kind, String repository, String state) {
    }

    public List<QueuedJob> now() {
        List<QueuedJob> found = new ArrayList<>();
        for (StateName state : WAITING) {
            for (Job job : jobs.getJobList(state, new AmountRequest("updatedAt:ASC", LIMIT))) {
                String[] words = job.getJobName() == null ? new String[0] : job.getJobName().split(" ");
                if (words.length >= 2) {
                    found.add(new QueuedJob(words[0], words[1], state.name().toLowerCase(java.util.Locale.ROOT)));
                }
            }
        }
        return found;
    }

    /** How many jobs are in each waiting state (for the queue depth metric). */
    public Map<StateName, Long> depth() {
        Map<StateName, Long> depth = new EnumMap<>(StateName.class);
        for (StateName state : WAITING) {
            depth.put(state, jobs.countJobs(state));
        }
        return depth;
    }
}
