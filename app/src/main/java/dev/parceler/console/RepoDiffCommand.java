package dev.parceler.console;

import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.snapshot.SnapshotDiff.Difference;
import dev.parceler.snapshot.SnapshotDiff.VersionChange;
import dev.parceler.snapshot.SnapshotDiff;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "repo:diff", mixinStandardHelpOptions = true,
        description = {"What differs between two snapshots, from their manifests: files added (+), removed (-) and changed (~),"
                + " then, for opkg feeds, the packages whose version changed (name: old -> new).",
                "Defaults: the snapshot served now against the newest one, that is what goes live next."})
final class RepoDiffCommand extends RepositoryCommand {
    @Parameters(index = "1", arity = "0..1", paramLabel = "<from>", description = "A snapshot (default: the one served now).")
    String from;

    @Parameters(index = "2", arity = "0..1", paramLabel = "<to>", description = "A snapshot (default: the newest).")
    String to;

    private final Supplier<SnapshotDiff> diffs;

    RepoDiffCommand(Supplier<RepositoryStore> repositories, Supplier<SnapshotDiff> diffs) {
        super(repositories);
        this.diffs = diffs;
    }

    @Override
    int run(Repository repository) {
        Difference difference = diffs.get().compare(repository, Optional.ofNullable(from), Optional.ofNullable(to));
        PrintWriter out = out();
        out.println("From " + difference.from() + " to " + difference.to() + ": " + difference.added().size() + " added, "
                + difference.removed().size() + " removed, " + difference.changed().size() + " changed.");
        print(out, "+ ", difference.added());
        print(out, "- ", difference.removed());
        print(out, "~ ", difference.changed());
        if (!difference.versions().isEmpty()) {
            out.println("Package versions:");
            for (VersionChange change : difference.versions()) {
                out.println("  " + (change.index().isEmpty() ? "" : change.index() + ": ") + change.name() + " "
                        + change.from().orElse("(none)") + " -> " + change.to().orElse("(none)"));
            }
        }
        return 0;
    }

    private static void print(PrintWriter out, String mark, List<String> paths) {
        for (String path : paths) {
            out.println(mark + path);
        }
    }
}
