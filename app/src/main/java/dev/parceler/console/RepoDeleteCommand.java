package dev.parceler.console;

import dev.parceler.database.Database;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryNotFoundException;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.storage.Disk;
import dev.parceler.sync.RepositoryLease;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "repo:delete", mixinStandardHelpOptions = true,
        description = {"Delete a repository, its run history and its files (source/<name> and snapshots/<name>).",
                "Asks for confirmation on a terminal; without one, --force is needed. Refused while a job of the"
                        + " repository runs. A job of it still queued ends without doing anything."})
final class RepoDeleteCommand extends RepositoryCommand {
    /** Long enough to delete the row and the files; a worker asking meanwhile finds the repository busy or gone. */
    private static final Duration HOLD = Duration.ofMinutes(10);

    private final Supplier<Database> database;
    private final Supplier<Disk> disk;
    private final Clock clock;
    private final String sourceFolder;
    private final String snapshotFolder;
    private final Terminal terminal;

    @Option(names = "--force", description = "Delete without asking.")
    boolean force;

    @Option(names = "--keep-files", description = "Keep source/<name> and snapshots/<name> on the disk.")
    boolean keepFiles;

    RepoDeleteCommand(Supplier<RepositoryStore> repositories, Supplier<Database> database, Supplier<Disk> disk,
            Clock clock, String sourceFolder, String snapshotFolder, Terminal terminal) {
        super(repositories);
        this.database = database;
        this.disk = disk;
        this.clock = clock;
        this.sourceFolder = sourceFolder;
        this.snapshotFolder = snapshotFolder;
        this.terminal = terminal;
    }

    @Override
    int run(Repository repository) {
        if (!force && !confirmed()) {
            return 1;
        }
        // Holding the repository's lease keeps every worker off it while it goes, as a running job would.
        RepositoryLease lease = new RepositoryLease(database.get().dataSource(), clock, HOLD,
                java.util.Optional.empty());
        String holder = "repo:delete " + UUID.randomUUID();
        if (!lease.acquire(name, holder)) {
            throw new ConsoleFailure("Repository '" + name + "' is busy with a job; nothing was deleted. Try again when it ends"
                    + " (parceler repo:runs " + name + ").");
        }
        try {
            if (!repositories.get().delete(name)) {
                throw new RepositoryNotFoundException(name);
            }
            if (!keepFiles) {
                disk.get().deleteFolder(sourceFolder + "/" + name);
                disk.get().deleteFolder(snapshotFolder + "/" + name);
            }
        } finally {
            lease.release(name, holder);
        }
        out().println(keepFiles
                ? "Repository '" + name + "' deleted; its files are kept."
                : "Repository '" + name + "' deleted, with its files.");
        return 0;
    }

    private boolean confirmed() {
        if (!terminal.interactive()) {
            throw new ConsoleFailure("Deleting repository '" + name + "' needs confirmation: run it on a terminal or add --force."
                    + " Nothing was deleted.");
        }
        String question = keepFiles
                ? "Do you really want to delete repository '" + name + "'? Its files are kept."
                : "Do you really want to delete repository '" + name + "' and all its snapshots?";
        boolean yes = terminal.askUntilValid(question, "no", raw -> RepoCreateCommand.yesNo(raw), "nothing was deleted.");
        if (!yes) {
            spec.commandLine().getErr().println("Nothing was deleted.");
        }
        return yes;
    }
}
