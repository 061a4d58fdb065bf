package dev.parceler.snapshot;

import dev.parceler.failure.ExplainedFailure;

/** A freeze or unfreeze that cannot be done; the message is meant for the operator as it is. */
public final class FreezeException extends ExplainedFailure {
    public FreezeException(String message) {
        super(message);
    }
}
