package dev.parceler.download;

import java.time.Instant;

/** What the headers of a file's answer say about it: size, modification time, entity tag (quoted). */
record FileFacts(long size, Instant modified, String etag) {
}
