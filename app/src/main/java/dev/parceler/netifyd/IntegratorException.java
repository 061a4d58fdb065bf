package dev.parceler.netifyd;

/** Netify's integrator API could not be reached, failed, or answered something else than it documents. */
final class IntegratorException extends Exception {
    IntegratorException(String message) {
        super(message);
    }

    IntegratorException(String message, Throwable cause) {
        super(message, cause);
    }
}
