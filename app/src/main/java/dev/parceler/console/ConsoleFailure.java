package dev.parceler.console;

import dev.parceler.failure.ExplainedFailure;

/** A command cannot do what was asked; the message is printed as it is and the exit code is 1. */
public final class ConsoleFailure extends ExplainedFailure {
    public ConsoleFailure(String message) {
        super(message);
    }
}
