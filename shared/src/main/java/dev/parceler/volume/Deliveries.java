package dev.parceler.volume;

import dev.parceler.config.S3DownloadMode;
import dev.parceler.storage.LocalDisk;
import dev.parceler.storage.S3Disk;
import java.time.Duration;
import java.util.Optional;

/**
 * How the edge that serves downloads builds its delivery for each volume: the volume calls the
 * method of its own kind with what it holds, so the edge never asks which disk it has.
 *
 * @param <T> what the edge delivers with
 */
public interface Deliveries<T> {

    /** Files of the local disk, sent, or handed to nginx under {@code xAccelPrefix}. */
    T local(LocalDisk disk, Optional<String> xAccelPrefix);

    /** Files of the s3 disk, by presigned URLs valid {@code validFor}, redirected or fetched by nginx as {@code mode} says. */
    T presigned(S3Disk disk, Duration validFor, S3DownloadMode mode);
}
