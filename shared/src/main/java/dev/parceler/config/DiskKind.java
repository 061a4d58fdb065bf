package dev.parceler.config;

/** Where repositories and snapshots are stored, from {@code FILESYSTEM_DISK}. */
public enum DiskKind {
    LOCAL,
    S3
}
