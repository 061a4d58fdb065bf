package dev.parceler.admin;

/** A refused admin command or sign-in; the message is written for the operator. */
public final class AdminException extends RuntimeException {
    public AdminException(String message) {
        super(message);
    }
}
