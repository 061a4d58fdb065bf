package dev.parceler.snapshot;

import dev.parceler.repository.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Snapshot folders made without a manifest (by the Laravel application, or by hand) on the local
 * disk, taken on as Parceler's own: the manifest is written from the folder's files (size,
 * modification time, sha256), as a snapshot Parceler made has it, and the feed check is run on
 * them. The files themselves are left as they are, so the same snapshot is served before and after.
 */
public final class SnapshotAdoption {
    private final FeedCheck feedCheck;

    public SnapshotAdoption(FeedCheck feedCheck) {
        this.feedCheck = feedCheck;
    }

    /** An adopted folder: how many files and bytes its manifest lists, and what the feed check found (empty: none). */
    public record Adopted(int files, long bytes, List<String> problems) {
    }

    public static boolean hasManifest(Path folder) {
        return Files.isRegularFile(folder.resolve(Manifest.FILE_NAME), LinkOption.NOFOLLOW_LINKS);
    }

    /** Writes the manifest of {@code folder}, a snapshot of {@code repository}; the feed check's problems are said, not fatal. */
    public Adopted adopt(Repository repository, Path folder) throws IOException {
        List<Manifest.Entry> entries = new ArrayList<>();
        long bytes = 0;
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                String path = folder.relativize(file).toString();
                if (Manifest.isServicePath(path)) {
                    continue;
                }
                long size = Files.size(file);
                entries.add(new Manifest.Entry(path, size, Files.getLastModifiedTime(file).toMillis(), LocalSnapshotWriter.sha256(file)));
                bytes += size;
            }
        }
        Manifest manifest = new Manifest(1, entries);
        List<String> problems = repository.feedCheck()
                ? feedCheck.problems(repository, manifest, Set.of(), Set.of(), path -> Files.newInputStream(folder.resolve(path)))
                : List.of();
        manifest.write(folder);
        return new Adopted(entries.size(), bytes, problems);
    }
}
