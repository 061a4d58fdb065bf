package dev.parceler.storage;

/** A disk path that would resolve outside the disk's root. */
public final class OutsideDiskException extends IllegalArgumentException {
    public OutsideDiskException(String path) {
        super("Path '" + path + "' is outside the disk.");
    }
}
