package dev.parceler.repository;

import java.util.Optional;

/** A repository about to be created, its fields already checked by {@link RepositoryRules}. */
public record NewRepository(String name, String command, Optional<String> subDir, int delay, boolean compareContent,
        boolean feedCheck, DelayPolicy policy) {

    public NewRepository(String name, String command, Optional<String> subDir, int delay) {
        this(name, command, subDir, delay, false);
    }

    public NewRepository(String name, String command, Optional<String> subDir, int delay, boolean compareContent) {
        this(name, command, subDir, delay, compareContent, true, DelayPolicy.WINDOW);
    }
}
