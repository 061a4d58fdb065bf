package dev.parceler.storage;

import java.util.List;

/**
 * The storage disk: a tree of folders and files addressed by disk paths, relative to the disk's
 * root with {@code /} separators ({@code snapshots/base/2026-11-21T00:00:00+01:00/Packages}).
 * The empty path and {@code .} name the root. A path that would leave the root is refused with
 * {@link OutsideDiskException}.
 */
public interface Disk {

    /** Names of the folders directly inside {@code folder}, sorted; empty when it does not exist. */
    List<String> folders(String folder);

    /** Disk paths of every file below {@code folder}, at any depth, sorted; empty when it does not exist. */
    List<String> files(String folder);

    boolean isFolder(String path);

    boolean isFile(String path);

    /** The bytes of a small file (a manifest, an index), or empty when there is no such file. */
    java.util.Optional<byte[]> read(String path);

    /**
     * Deletes a folder and everything below it. It disappears from listings at once (it is
     * renamed to a hidden name first), even if removing its files takes a while.
     */
    void deleteFolder(String folder);

    /**
     * Something that changes whenever an entry is added to, removed from or renamed in the
     * folder, for caches of listings; empty when the disk cannot tell (the cache then expires).
     */
    java.util.Optional<Object> folderStamp(String folder);
}
