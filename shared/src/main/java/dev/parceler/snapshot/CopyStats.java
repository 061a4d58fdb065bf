package dev.parceler.snapshot;

/** What writing a snapshot cost: files and bytes copied, and files and bytes shared with the previous one. */
public record CopyStats(long filesCopied, long filesLinked, long bytesCopied, long bytesLinked) {
}
