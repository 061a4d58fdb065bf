package dev.parceler.repository;

/** No repository has the given name. */
public final class RepositoryNotFoundException extends RuntimeException {
    public RepositoryNotFoundException(String name) {
        super("Repository '" + name + "' not found.");
    }
}
