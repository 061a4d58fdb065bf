package dev.parceler.repository;

import dev.parceler.failure.ExplainedFailure;

/** Input that a repository cannot have; the message is meant for the operator as it is. */
public final class InvalidRepositoryException extends ExplainedFailure {
    public InvalidRepositoryException(String message) {
        super(message);
    }
}
