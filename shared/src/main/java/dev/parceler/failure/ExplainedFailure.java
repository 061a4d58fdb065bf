package dev.parceler.failure;

/**
 * A failure whose message is written for the operator: the console prints it as it is, on one
 * line, without a stack trace. Anything else is a fault of the service and is reported as one.
 */
public abstract class ExplainedFailure extends RuntimeException {
    protected ExplainedFailure(String message) {
        super(message);
    }

    protected ExplainedFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
