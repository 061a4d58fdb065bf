package dev.parceler.config;

import java.net.URI;

/** The {@code AWS_*} variables of the s3 disk. The secret is kept out of {@link #toString()}. */
public record S3Settings(
        String accessKeyId,
        String secretAccessKey,
        String region,
        String bucket,
        URI endpoint,
        boolean pathStyle) {

    @Override
    public String toString() {
        return "S3Settings[bucket=" + bucket + ", region=" + region + ", endpoint=" + endpoint
                + ", pathStyle=" + pathStyle + "]";
    }
}
