package dev.parceler.repository;

/** The database failed under a repository operation (not bad input). */
public final class RepositoryStorageException extends RuntimeException {
    public RepositoryStorageException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
