package dev.parceler.console;

/** A command cannot do what was asked; the message is printed as it is and the exit code is 1. */
public final class ConsoleFailure extends RuntimeException {
    public ConsoleFailure(String message) {
        super(message);
    }
}
