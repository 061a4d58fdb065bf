package dev.parceler.console;

import dev.parceler.repository.RepositoryStore;
import dev.parceler.sync.JobQueue;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "repo:sync", mixinStandardHelpOptions = true,
        description = {"Sync repositories now: each sync runs its command, then makes a snapshot and cleans up.",
                "An unknown name is warned about and skipped."})
final class RepoSyncCommand implements Callable<Integer> {
    private final Supplier<RepositoryStore> repositories;
    private final Supplier<JobQueue> queue;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "<name>", description = "Repositories to sync.")
    List<String> names;

    RepoSyncCommand(Supplier<RepositoryStore> repositories, Supplier<JobQueue> queue) {
        this.repositories = repositories;
        this.queue = queue;
    }

    @Override
    public Integer call() {
        for (String name : names) {
            if (repositories.get().find(name).isEmpty()) {
                spec.commandLine().getErr().println("Repository '" + name + "' not found.");
                continue;
            }
            spec.commandLine().getOut().println("Dispatching sync for '" + name + "'.");
            queue.get().sync(name);
        }
        return 0;
    }
}
