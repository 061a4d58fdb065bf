package dev.parceler.console;

import dev.parceler.Installation;
import dev.parceler.repository.Repository;
import dev.parceler.snapshot.ServedSnapshot;
import dev.parceler.snapshot.SnapshotCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "repo:snapshots", mixinStandardHelpOptions = true,
        description = "List the snapshot folders of a repository and which one is served.")
final class RepoSnapshotsCommand implements Callable<Integer> {
    private final Installation installation;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<name>", description = "The repository.")
    String name;

    RepoSnapshotsCommand(Installation installation) {
        this.installation = installation;
    }

    @Override
    public Integer call() {
        Repository repository = installation.repositories().get(name);
        SnapshotCatalog catalog = installation.snapshots();
        String served = catalog.served(repository).map(ServedSnapshot::folder).orElse(null);
        List<List<String>> rows = new ArrayList<>();
        for (String snapshot : catalog.snapshots(repository)) {
            rows.add(List.of(snapshot, snapshot.equals(served) ? "Yes" : "No"));
        }
        TextTable.print(spec.commandLine().getOut(), List.of("Snapshot", "Active"), rows);
        return 0;
    }
}
