package dev.parceler.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Backups kept in {@code BACKUP_DIR}, where they are written. */
final class FolderShelf implements BackupShelf {
    private final Path folder;

    FolderShelf(Path folder) {
        this.folder = folder;
    }

    @Override
    public String describe() {
        return folder.toString();
    }

    @Override
    public void shelve(Path written) {
        // Written where it is kept.
    }

    @Override
    public List<String> names() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> listed = Files.list(folder)) {
            return listed.map(path -> path.getFileName().toString()).filter(name -> NAME.matcher(name).matches())
                    .sorted(Comparator.reverseOrder()).toList();
        }
    }

    @Override
    public void remove(String name) throws IOException {
        Files.deleteIfExists(folder.resolve(name));
    }

    @Override
    public Path fetch(String name) throws IOException {
        Path file = folder.resolve(name);
        if (!NAME.matcher(name).matches() || !Files.isRegularFile(file)) {
            throw new NoSuchFileException(name, null, "no such backup in " + folder);
        }
        return file;
    }

    @Override
    public void close() {
    }
}
