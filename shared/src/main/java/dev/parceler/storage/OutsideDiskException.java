package dev.parceler.storage;

import dev.parceler.failure.ExplainedFailure;

/** A disk path that would resolve outside the disk's root. */
public final class OutsideDiskException extends ExplainedFailure {
    public OutsideDiskException(String path) {
        super("Path '" + path + "' is outside the disk.");
    }
}
