package dev.parceler.config;

/** How an authorized download of the s3 disk reaches the machine: {@code DOWNLOAD_S3_MODE}. */
public enum S3DownloadMode {
    /** A 302 to a presigned URL: the machine fetches the file from the bucket itself (the default). */
    REDIRECT,
    /**
     * nginx in front fetches the presigned URL for the machine ({@code X-Accel-Redirect} to its
     * {@code @parceler_s3} location), without the machine's credentials: never a redirect, which
     * OpenWrt's wget would follow with its Basic credentials, sending the secret to the bucket.
     */
    NGINX
}
