package dev.parceler.snapshot;

/** A freeze or unfreeze that cannot be done; the message is meant for the operator as it is. */
public final class FreezeException extends RuntimeException {
    public FreezeException(String message) {
        super(message);
    }
}
