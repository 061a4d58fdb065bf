package dev.parceler.notify;

import java.time.Instant;
import java.util.Optional;

/**
 * Something a person should know, in one line: {@code key} names the event it tells (a run, an
 * audit entry, a change of a process's state), so that it is queued once however often it is found.
 */
public record Notice(String key, String kind, Optional<String> repository, String text, Instant at) {
    /** The longest text sent: receivers cut or refuse long messages (Discord at 2,000 characters). */
    public static final int MAX_TEXT = 1500;

    public Notice {
        text = text.replaceAll("[\\r\\n\\t]+", " ");
        text = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "..." : text;
    }
}
