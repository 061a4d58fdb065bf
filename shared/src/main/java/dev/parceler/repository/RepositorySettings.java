package dev.parceler.repository;

import java.util.Optional;

/** What an operator may change of a repository ({@code repo:edit}), each field already checked by {@link RepositoryRules}. */
public record RepositorySettings(String command, Optional<String> subDir, int delay, boolean compareContent,
        boolean feedCheck, DelayPolicy policy) {

    public RepositorySettings(String command, Optional<String> subDir, int delay, boolean compareContent) {
        this(command, subDir, delay, compareContent, true, DelayPolicy.WINDOW);
    }

    public RepositorySettings withPolicy(DelayPolicy newPolicy) {
        return new RepositorySettings(command, subDir, delay, compareContent, feedCheck, newPolicy);
    }

    public static RepositorySettings of(Repository repository) {
        return new RepositorySettings(repository.command(), repository.subDir(), repository.delay(), repository.compareContent(),
                repository.feedCheck(), repository.policy());
    }
}
