package dev.parceler.testing;

import dev.parceler.Installation;
import java.util.Optional;

/**
 * Runs a {@code parceler} command in-process on an installation, as a user would run it. The
 * console lives in the app module, so its tests provide this (a {@link java.util.ServiceLoader}
 * service); in the other modules' tests {@link TestInstallation#run} says that it is not there.
 */
public interface TestConsole {
    /** @param answers what the terminal answers the command's questions with, one per line; none: no terminal, as from a script */
    ConsoleResult run(Installation installation, Optional<String> answers, String... arguments);
}
