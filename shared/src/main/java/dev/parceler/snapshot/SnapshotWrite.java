package dev.parceler.snapshot;

/** A snapshot just made: its folder name and what it cost. */
public record SnapshotWrite(String name, CopyStats stats) {
}
