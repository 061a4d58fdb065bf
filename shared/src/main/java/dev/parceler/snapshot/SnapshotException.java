package dev.parceler.snapshot;

/** A snapshot could not be made; nothing of it is visible. */
public final class SnapshotException extends RuntimeException {
    public SnapshotException(String message) {
        super(message);
    }

    public SnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
