package dev.parceler.console;

import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.snapshot.Manifest;
import dev.parceler.snapshot.SnapshotCatalog;
import dev.parceler.storage.Disk;
import dev.parceler.storage.DiskPath;
import java.io.PrintWriter;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "repo:files", mixinStandardHelpOptions = true,
        description = {"List every file of the snapshot a repository serves, one disk path per line.",
                "With <path> (relative to the disk root, '.' for the whole disk) list the files under it instead:",
                "  parceler repo:files base . | grep <package>"})
final class RepoFilesCommand extends RepositoryCommand {
    @Parameters(index = "1", arity = "0..1", paramLabel = "<path>", description = "A folder relative to the disk root.")
    String path;

    private final Supplier<Disk> disk;
    private final Supplier<SnapshotCatalog> snapshots;

    RepoFilesCommand(Supplier<RepositoryStore> repositories, Supplier<Disk> disk, Supplier<SnapshotCatalog> snapshots) {
        super(repositories);
        this.disk = disk;
        this.snapshots = snapshots;
    }

    @Override
    int run(Repository repository) {
        Disk disk = this.disk.get();
        String folder;
        if (path == null) {
            folder = snapshots.get().servedPath(repository)
                    .orElseThrow(() -> new ConsoleFailure("Repository '" + name + "' has no snapshot to serve."));
        } else {
            folder = DiskPath.join(String.join("/", DiskPath.segments(path)));
            if (!folder.isEmpty() && !disk.isFolder(folder)) {
                throw new ConsoleFailure("Path '" + path + "' is not a folder on the disk.");
            }
        }
        PrintWriter out = out();
        for (String file : disk.files(folder)) {
            if (!Manifest.isServicePath(file)) {
                out.println(file);
            }
        }
        return 0;
    }
}
