package dev.parceler.repository;

/**
 * A fast lane: the folder {@code path} (a feed, such as {@code packages/x86_64/nethsecurity}) is
 * served whole from {@code snapshot}, newer than the delay would choose, while the rest of the
 * repository stays delayed. It applies while the snapshot a ring serves is older than {@code
 * snapshot}; a freeze wins over it.
 */
public record FastLane(String path, String snapshot) {

    /** Whether a file's folder (its path inside the snapshot, without the file name) is inside the lane. */
    public boolean holds(String folder) {
        return folder.equals(path) || folder.startsWith(path + "/");
    }
}
