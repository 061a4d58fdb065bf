package dev.parceler.database;

import dev.parceler.failure.ExplainedFailure;

/** A backup, restore or copy cannot be done as asked; the message says why and what to do, and nothing was changed. */
public final class BackupFailure extends ExplainedFailure {
    public BackupFailure(String message) {
        super(message);
    }

    public BackupFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
