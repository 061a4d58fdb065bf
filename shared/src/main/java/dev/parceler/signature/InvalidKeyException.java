package dev.parceler.signature;

import dev.parceler.failure.ExplainedFailure;

/** A key file that is not a public key Parceler can check signatures with; the message says why. */
public final class InvalidKeyException extends ExplainedFailure {
    private static final long serialVersionUID = 1L;

    public InvalidKeyException(String message) {
        super(message);
    }
}
