package dev.parceler.admin;

import java.time.Instant;

/** Someone who may sign in to the operator console and act on repositories there. */
public record Admin(long id, String name, Instant createdAt, Instant updatedAt) {
}
