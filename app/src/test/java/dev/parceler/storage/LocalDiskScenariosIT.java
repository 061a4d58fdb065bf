package dev.parceler.storage;

import dev.parceler.testing.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The disk scenarios on the local disk: files served directly. */
class LocalDiskScenariosIT extends DiskScenarios {

    @Override
    Map<String, String> diskSettings() {
        return Map.of("FILESYSTEM_DISK", "local");
    }

    private Path root() {
        return home.resolve("parceler/storage/app");
    }

    @Override
    void place(String diskPath, String content) {
        Trees.write(root().resolve(diskPath), content);
    }

    @Override
    void leaveInterruptedSnapshot(String repositoryFolder, String timestamp, String file, String content) {
        // The local writer builds under a hidden name and renames when whole.
        Trees.write(root().resolve(repositoryFolder).resolve("." + timestamp + ".partial").resolve(file), content);
    }

    @Override
    List<String> stored(String folder) {
        try (Stream<Path> files = Files.walk(root().resolve(folder))) {
            return files.filter(Files::isRegularFile).map(file -> root().relativize(file).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    int downloadStatus() {
        return 200;
    }
}
