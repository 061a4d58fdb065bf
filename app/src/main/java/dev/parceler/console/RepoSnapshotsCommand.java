package dev.parceler.console;

import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.snapshot.ServedSnapshot;
import dev.parceler.snapshot.SnapshotCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Command;

@Command(name = "repo:snapshots", mixinStandardHelpOptions = true,
        description = "List the snapshot folders of a repository and which one is served.")
final class RepoSnapshotsCommand extends RepositoryCommand {
    private final Supplier<SnapshotCatalog> snapshots;

    RepoSnapshotsCommand(Supplier<RepositoryStore> repositories, Supplier<SnapshotCatalog> snapshots) {
        super(repositories);
        this.snapshots = snapshots;
    }

    @Override
    int run(Repository repository) {
        SnapshotCatalog catalog = snapshots.get();
        String served = catalog.served(repository).map(ServedSnapshot::folder).orElse(null);
        List<List<String>> rows = new ArrayList<>();
        for (String snapshot : catalog.snapshots(repository)) {
            rows.add(List.of(snapshot, snapshot.equals(served) ? "Yes" : "No"));
        }
        TextTable.print(out(), List.of("Snapshot", "Active"), rows);
        return 0;
    }
}
