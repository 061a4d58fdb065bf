package dev.parceler.repository;

import dev.parceler.failure.ExplainedFailure;

/** No repository has the given name. */
public final class RepositoryNotFoundException extends ExplainedFailure {
    public RepositoryNotFoundException(String name) {
        super("Repository '" + name + "' not found.");
    }
}
