package dev.parceler.worker;

/** The sync command failed or timed out; the job library retries the job. */
public final class SyncFailedException extends Exception {
    public SyncFailedException(String message) {
        super(message);
    }
}
