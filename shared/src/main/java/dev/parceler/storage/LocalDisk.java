package dev.parceler.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The {@code local} disk: a folder of this machine ({@code STORAGE_ROOT}). */
public final class LocalDisk implements Disk {
    private final Path root;

    public LocalDisk(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The file system path of a disk path. */
    public Path resolve(String path) {
        Path resolved = root;
        for (String segment : DiskPath.segments(path)) {
            resolved = resolved.resolve(segment);
        }
        return resolved;
    }

    @Override
    public List<String> folders(String folder) {
        Path directory = resolve(folder);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(directory)) {
            return children.filter(child -> Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS))
                    .map(child -> child.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> files(String folder) {
        Path directory = resolve(folder);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<String> files = new ArrayList<>();
        try (Stream<Path> tree = Files.walk(directory)) {
            tree.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                    .forEach(path -> files.add(diskPath(path)));
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        return files;
    }

    @Override
    public boolean isFolder(String path) {
        return Files.isDirectory(resolve(path), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public boolean isFile(String path) {
        return Files.isRegularFile(resolve(path), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public java.util.Optional<byte[]> read(String path) {
        Path file = resolve(path);
        try {
            return Files.isRegularFile(file) ? java.util.Optional.of(Files.readAllBytes(file)) : java.util.Optional.empty();
        } catch (NoSuchFileException e) {
            // Deleted between the look and the read: as if it had never been there.
            return java.util.Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void deleteFolder(String folder) {
        Path directory = resolve(folder);
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path hidden = directory.resolveSibling(".deleting-" + directory.getFileName() + "-" + System.nanoTime());
        try {
            Files.move(directory, hidden, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(hidden);
        } catch (NoSuchFileException e) {
            // Deleted meanwhile, by hand or by another job: the outcome wanted.
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + folder, e);
        }
    }

    @Override
    public java.util.Optional<Object> folderStamp(String folder) {
        try {
            // Adding, removing or renaming an entry sets the folder's modification time.
            BasicFileAttributes attributes = Files.readAttributes(resolve(folder), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return java.util.Optional.of(List.of(String.valueOf(attributes.fileKey()), attributes.lastModifiedTime()));
        } catch (NoSuchFileException e) {
            return java.util.Optional.of(List.of());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** Deletes a tree without following links; read-only files go too, as with {@code rm -rf}. */
    public static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.deleteIfExists(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private String diskPath(Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }
}
