package dev.parceler.repository;

import java.util.Optional;

/** A repository about to be created; build it from raw answers with {@link #of}. */
public record NewRepository(String name, String command, Optional<String> subDir, int delay, boolean compareContent) {

    public NewRepository(String name, String command, Optional<String> subDir, int delay) {
        this(name, command, subDir, delay, false);
    }

    public static NewRepository of(String name, String command, String subDir, String delay) {
        return new NewRepository(
                RepositoryRules.name(name),
                RepositoryRules.command(command),
                RepositoryRules.subDir(subDir),
                RepositoryRules.delay(delay));
    }
}
