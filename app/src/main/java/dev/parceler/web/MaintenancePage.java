package dev.parceler.web;

import java.util.Optional;

/** The maintenance answer for people: an HTML page saying when to come back. */
public interface MaintenancePage {
    String html(Optional<Integer> retryAfterSeconds);
}
