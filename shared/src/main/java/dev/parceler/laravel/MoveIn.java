package dev.parceler.laravel;

import dev.parceler.repository.DelayPolicy;
import dev.parceler.repository.InvalidRepositoryException;
import dev.parceler.repository.NewRepository;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryRules;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.snapshot.SnapshotAdoption;
import dev.parceler.snapshot.SnapshotChanges;
import dev.parceler.snapshot.SnapshotFreeze;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code import:laravel}: a Laravel Parceler installation moved in. Each repository of its
 * database is created with its command, source folder, delay and freeze; its snapshots (and its
 * source copy, so the first sync fetches only what changed) are taken from the Laravel storage
 * into Parceler's (hard links where both are on one file system, copies otherwise) and adopted:
 * their manifests are written and the feed check run, so the snapshot served before the move is
 * the one served after it. What cannot be taken is said, with why. Nothing is done twice: a
 * second run finds everything in place and changes nothing. A dry run says the same and does nothing.
 */
public final class MoveIn {
    private final RepositoryStore repositories;
    private final SnapshotFreeze freezes;
    private final SnapshotAdoption adoption;
    private final SnapshotChanges changes;
    private final Path storageRoot;
    private final String sourceFolder;
    private final String snapshotFolder;

    /**
     * @param storageRoot Parceler's local storage root; {@code sourceFolder} and {@code
     *     snapshotFolder} are its folders for sources and snapshots, as for the Laravel application
     */
    public MoveIn(RepositoryStore repositories, SnapshotFreeze freezes, SnapshotAdoption adoption, SnapshotChanges changes,
            Path storageRoot, String sourceFolder, String snapshotFolder) {
        this.repositories = repositories;
        this.freezes = freezes;
        this.adoption = adoption;
        this.changes = changes;
        this.storageRoot = storageRoot;
        this.sourceFolder = sourceFolder;
        this.snapshotFolder = snapshotFolder;
    }

    /** What was done (or, in a dry run, would be): each line said to {@code say} as it happens; returns how many changes. */
    public int run(LaravelDatabase laravel, Path laravelStorage, boolean dryRun, Consumer<String> say) {
        if (!Files.isDirectory(laravelStorage)) {
            throw new MoveInFailure("The Laravel storage folder " + laravelStorage + " does not exist (give --storage).");
        }
        String would = dryRun ? "would be " : "";
        int changed = 0;
        for (LaravelDatabase.Row row : laravel.repositories()) {
            changed += repository(row, laravelStorage, dryRun, would, say);
        }
        for (String table : List.of("jobs", "failed_jobs")) {
            Map<String, Integer> jobs = laravel.jobs(table);
            if (!jobs.isEmpty()) {
                List<String> counted = new ArrayList<>();
                jobs.forEach((name, count) -> counted.add(name + " x" + count));
                say.accept((table.equals("jobs") ? "Queued" : "Failed") + " Laravel jobs not taken (" + String.join(", ", counted)
                        + "): stop the Laravel workers, then run repo:sync for the repositories they were for.");
            }
        }
        say.accept(changed == 0 ? "Nothing to do: everything is in place." : (dryRun ? "Dry run: " + changed
                + " changes would be made; nothing was changed." : changed + " changes made."));
        return changed;
    }

    private int repository(LaravelDatabase.Row row, Path laravelStorage, boolean dryRun, String would, Consumer<String> say) {
        String name;
        String command;
        Optional<String> subDir;
        int delay;
        try {
            name = RepositoryRules.name(row.name());
            command = RepositoryRules.command(row.command());
            subDir = RepositoryRules.subDir(row.subDir().orElse(""));
            delay = RepositoryRules.delay(row.delay());
        } catch (InvalidRepositoryException e) {
            say.accept("Repository '" + row.name() + "' (Laravel id " + row.id() + ") not taken: " + e.getMessage());
            return 0;
        }
        int changed = 0;
        Optional<Repository> existing = repositories.find(name);
        if (existing.isPresent()) {
            Repository repository = existing.get();
            if (!repository.command().equals(command) || !repository.subDir().equals(subDir) || repository.delay() != delay) {
                say.accept("Repository '" + name + "' exists in Parceler with other settings: left as it is, its snapshots not taken.");
                return 0;
            }
        } else {
            say.accept("Repository '" + name + "' " + would + "created: delay " + delay + (delay == 1 ? " day" : " days") + ", source folder '" + subDir.orElse("")
                    + "'.");
            changed++;
            if (!dryRun) {
                repositories.create(new NewRepository(name, command, subDir, delay, false, true, DelayPolicy.WINDOW));
            }
        }
        changed += take(laravelStorage.resolve(sourceFolder).resolve(name), storageRoot.resolve(sourceFolder).resolve(name),
                "its source copy", name, dryRun, would, say);
        Path laravelSnapshots = laravelStorage.resolve(snapshotFolder).resolve(name);
        Path snapshots = storageRoot.resolve(snapshotFolder).resolve(name);
        for (String folder : folders(laravelSnapshots)) {
            changed += take(laravelSnapshots.resolve(folder), snapshots.resolve(folder), "snapshot " + folder, name, dryRun, would, say);
        }
        for (String folder : folders(dryRun && !laravelStorage.equals(storageRoot) ? laravelSnapshots : snapshots)) {
            Path snapshot = (dryRun && !laravelStorage.equals(storageRoot) ? laravelSnapshots : snapshots).resolve(folder);
            if (SnapshotAdoption.hasManifest(snapshot)) {
                continue;
            }
            changed++;
            if (dryRun) {
                say.accept("Snapshot " + name + "/" + folder + " would be adopted (its manifest written, the feed check run).");
                continue;
            }
            try {
                SnapshotAdoption.Adopted adopted = adoption.adopt(repositories.get(name), snapshot);
                say.accept("Snapshot " + name + "/" + folder + " adopted: " + adopted.files() + " files, " + adopted.bytes() + " bytes; "
                        + (adopted.problems().isEmpty() ? "feed check passed."
                                : "feed check found " + adopted.problems().size() + " problems (served as before): "
                                        + String.join("; ", adopted.problems().subList(0, Math.min(3, adopted.problems().size())))));
            } catch (IOException | UncheckedIOException e) {
                say.accept("Snapshot " + name + "/" + folder + " not adopted: " + e.getMessage());
            }
        }
        if (!dryRun && changed > 0) {
            changes.record(name);
        }
        return changed + freeze(row, name, snapshots, laravelSnapshots, dryRun, would, say);
    }

    private int freeze(LaravelDatabase.Row row, String name, Path snapshots, Path laravelSnapshots, boolean dryRun, String would,
            Consumer<String> say) {
        if (row.freeze().isEmpty()) {
            return 0;
        }
        String folder = row.freeze().get();
        Optional<String> current = repositories.find(name).flatMap(Repository::freeze);
        if (current.isPresent()) {
            if (!current.get().equals(folder)) {
                say.accept("Repository '" + name + "' is frozen on " + current.get() + " in Parceler, on " + folder
                        + " in the Laravel database: left frozen on " + current.get() + ".");
            }
            return 0;
        }
        boolean there = Files.isDirectory(snapshots.resolve(folder)) || (dryRun && Files.isDirectory(laravelSnapshots.resolve(folder)));
        if (!there || folder.contains("/") || folder.startsWith(".")) {
            say.accept("Repository '" + name + "' not frozen: its freeze names a folder that is not there (" + folder + ").");
            return 0;
        }
        say.accept("Repository '" + name + "' " + would + "frozen on " + folder + ".");
        if (!dryRun) {
            freezes.freeze(name, folder);
        }
        return 1;
    }

    /** Takes one folder of the Laravel storage into Parceler's, unless it is the same folder or already there. */
    private int take(Path from, Path to, String what, String name, boolean dryRun, String would, Consumer<String> say) {
        if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS) || from.toAbsolutePath().normalize().equals(to.toAbsolutePath().normalize())
                || Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        say.accept("Repository '" + name + "': " + what + " " + would + "taken from " + from + ".");
        if (!dryRun) {
            try {
                linkTree(from, to);
            } catch (IOException | UncheckedIOException e) {
                say.accept("Repository '" + name + "': " + what + " could not be taken: " + e.getMessage());
                return 0;
            }
        }
        return 1;
    }

    /** A copy of the tree in which each file is a hard link to the original where the file system allows it. */
    private static void linkTree(Path from, Path to) throws IOException {
        Path building = to.resolveSibling("." + to.getFileName() + ".taking");
        if (Files.exists(building, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> left = Files.walk(building)) {
                for (Path path : left.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path); // what an interrupted take left
                }
            }
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Path target = building.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        Files.createLink(target, path);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
        // Renamed into place whole: an interrupted take leaves only the hidden folder, taken again next time.
        Files.move(building, to, StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<String> folders(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> listed = Files.list(folder)) {
            return listed.filter(path -> Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
                    .map(path -> path.getFileName().toString()).filter(name -> !name.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
