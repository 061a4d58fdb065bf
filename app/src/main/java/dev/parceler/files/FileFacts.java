package dev.parceler.files;

import java.time.Instant;

/** What the headers of a file's answer say about it: size, modification time, entity tag (quoted). */
public record FileFacts(long size, Instant modified, String etag) {
}
