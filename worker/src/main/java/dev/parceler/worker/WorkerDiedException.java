package dev.parceler.worker;

/** Why a job stopped when the worker running it died: not a failure of the job, which runs again. */
public final class WorkerDiedException extends RuntimeException {
    public WorkerDiedException(String message) {
        super(message, null, false, false);
    }
}
