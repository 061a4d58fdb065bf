package dev.parceler.repository;

import java.time.Instant;
import java.util.Optional;

/**
 * A mirrored upstream repository: the command that syncs it into {@code source/<name>}, the
 * sub-folder of that copy that is published, how many days releases are held back, and the
 * snapshot folder it is frozen on, if any. {@code compareContent} makes snapshots tell unchanged
 * files by their sha256 instead of their size and modification time (for upstreams whose sync
 * does not keep modification times).
 */
public record Repository(
        long id,
        String name,
        String command,
        Optional<String> subDir,
        int delay,
        Optional<String> freeze,
        boolean compareContent,
        Instant createdAt,
        Instant updatedAt) {

    public boolean frozen() {
        return freeze.isPresent();
    }
}
