package dev.parceler.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where repositories are kept: the disk ({@code FILESYSTEM_DISK}), its local root
 * ({@code STORAGE_ROOT}) or bucket ({@code AWS_*}, also read for backups kept off the machine),
 * and the folders of sources and snapshots in it ({@code REPOSITORY_SOURCE_FOLDER},
 * {@code REPOSITORY_BASE_FOLDER}).
 */
public record StorageSettings(DiskKind disk, Path root, Optional<S3Settings> s3, String sourceFolder, String snapshotFolder) {
}
