package dev.parceler.repository;

/** Input that a repository cannot have; the message is meant for the operator as it is. */
public final class InvalidRepositoryException extends IllegalArgumentException {
    public InvalidRepositoryException(String message) {
        super(message);
    }
}
