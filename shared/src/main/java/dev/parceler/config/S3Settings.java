package dev.parceler.config;

import java.net.URI;
import java.time.Duration;

/**
 * The {@code AWS_*} variables of the s3 disk. The secret is kept out of {@link #toString()}.
 * {@code endpoint} is null for AWS itself; {@code presignEndpoint} is the endpoint machines reach
 * the bucket at (nginx, in the {@code nginx} download mode), which presigned URLs are signed for.
 */
public record S3Settings(
        String accessKeyId,
        String secretAccessKey,
        String region,
        String bucket,
        URI endpoint,
        boolean pathStyle,
        URI presignEndpoint,
        Duration presignTtl,
        int copyConcurrency,
        S3DownloadMode downloadMode) {

    @Override
    public String toString() {
        return "S3Settings[bucket=" + bucket + ", region=" + region + ", endpoint=" + endpoint
                + ", pathStyle=" + pathStyle + ", presignEndpoint=" + presignEndpoint + ", presignTtl=" + presignTtl
                + ", copyConcurrency=" + copyConcurrency + ", downloadMode=" + downloadMode + "]";
    }
}
