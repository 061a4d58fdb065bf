package dev.parceler.console;

import dev.parceler.audit.AuditLog;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.sync.JobQueue;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code repo:milestone}, {@code repo:release} under its old name: the same work and options,
 * with the old message, so that scripts reading it go on working.
 */
final class RepoMilestoneCommand extends RepoReleaseCommand {
    RepoMilestoneCommand(Supplier<RepositoryStore> repositories, Supplier<JobQueue> queue, Supplier<AuditLog> audit,
            Map<String, String> environment) {
        super(repositories, queue, audit, MILESTONE_RELEASED, environment);
    }
}
