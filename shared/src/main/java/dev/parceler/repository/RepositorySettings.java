package dev.parceler.repository;

import java.util.Optional;

/** What an operator may change of a repository ({@code repo:edit}), each field already checked by {@link RepositoryRules}. */
public record RepositorySettings(String command, Optional<String> subDir, int delay, boolean compareContent) {

    public static RepositorySettings of(Repository repository) {
        return new RepositorySettings(repository.command(), repository.subDir(), repository.delay(), repository.compareContent());
    }
}
