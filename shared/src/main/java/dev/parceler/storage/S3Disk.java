package dev.parceler.storage;

import dev.parceler.config.S3Settings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The {@code s3} disk: a bucket of any S3-compatible service. Disk paths are object keys; a
 * folder is a key prefix ending in {@code /}, so it exists while an object is below it. The
 * service has no rename and no links: see {@link #deleteFolder} for what that changes.
 */
public final class S3Disk implements Disk, AutoCloseable {
    /** DeleteObjects takes at most this many keys per request. */
    static final int DELETE_BATCH = 1000;

    private final S3Client client;
    private final S3Presigner presigner;
    private final String bucket;
    private final MarkerNames markers;

    public S3Disk(S3Client client, S3Presigner presigner, String bucket, MarkerNames markers) {
        this.client = client;
        this.presigner = presigner;
        this.bucket = bucket;
        this.markers = markers;
    }

    /**
     * File names that mark a folder's state, and so the order in which a folder is deleted: the
     * service has no rename, so a folder cannot vanish at once. {@code completion} goes first (a
     * snapshot stops counting before its files go), {@code inProgress} last (a deletion cut short
     * still looks like an interrupted write, which the next write removes).
     */
    public record MarkerNames(String completion, String inProgress) {
    }

    /**
     * A disk on the bucket the settings name. Presigned URLs are signed for the settings'
     * presign endpoint: the host machines will ask.
     */
    public static S3Disk open(S3Settings settings, MarkerNames markers) {
        // One connection per parallel copy, and a few for listings and downloads' HEAD requests.
        int connections = settings.copyConcurrency() + 16;
        AwsCredentialsProvider credentials = settings.accessKeyId() == null
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
        Region region = Region.of(settings.region());
        S3Configuration style = S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build();
        var clientBuilder = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(style)
                // Not every S3-compatible service knows the newer flexible checksums: ask only where S3 requires them.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(Apache5HttpClient.builder()
                        .maxConnections(connections)
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)));
        var presignerBuilder = S3Presigner.builder().region(region).credentialsProvider(credentials).serviceConfiguration(style);
        if (settings.endpoint() != null) {
            clientBuilder.endpointOverride(settings.endpoint());
        }
        if (settings.presignEndpoint() != null) {
            presignerBuilder.endpointOverride(settings.presignEndpoint());
        }
        return new S3Disk(clientBuilder.build(), presignerBuilder.build(), settings.bucket(), markers);
    }

    /** One object as a listing or a HEAD request describes it. */
    public record StoredObject(String path, long size, String etag, Instant lastModified) {
    }

    @Override
    public List<String> folders(String folder) {
        List<String> names = new ArrayList<>();
        String prefix = prefix(folder);
        for (ListObjectsV2Response page : client.listObjectsV2Paginator(list(prefix).delimiter("/").build())) {
            for (CommonPrefix common : page.commonPrefixes()) {
                String name = common.prefix().substring(prefix.length(), common.prefix().length() - 1);
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        names.sort(null);
        return names;
    }

    @Override
    public List<String> files(String folder) {
        return objects(folder).stream().map(StoredObject::path).toList();
    }

    /** Every object below {@code folder}, at any depth, sorted by path, one listing request per 1,000. */
    public List<StoredObject> objects(String folder) {
        List<StoredObject> objects = new ArrayList<>();
        for (ListObjectsV2Response page : client.listObjectsV2Paginator(list(prefix(folder)).build())) {
            for (S3Object object : page.contents()) {
                // Keys ending in "/" are folder placeholders some tools write; they are not files.
                if (!object.key().endsWith("/") && isDiskPath(object.key())) {
                    objects.add(new StoredObject(object.key(), object.size(), object.eTag(), object.lastModified()));
                }
            }
        }
        objects.sort(Comparator.comparing(StoredObject::path));
        return objects;
    }

    @Override
    public boolean isFolder(String path) {
        String prefix = prefix(path);
        if (prefix.isEmpty()) {
            return true;
        }
        ListObjectsV2Response page = client.listObjectsV2(list(prefix).maxKeys(1).build());
        return !page.contents().isEmpty() || !page.commonPrefixes().isEmpty();
    }

    @Override
    public boolean isFile(String path) {
        return head(path).isPresent();
    }

    /** The object at {@code path}, asked for alone (no listing). */
    public Optional<StoredObject> head(String path) {
        String key = key(path);
        return headObject(key).map(head -> new StoredObject(key, head.contentLength(), head.eTag(), head.lastModified()));
    }

    private Optional<HeadObjectResponse> headObject(String key) {
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return unlessMissing(() -> client.headObject(request -> request.bucket(bucket).key(key)));
    }

    /**
     * When the file at {@code path} was last changed where it came from: the modification time
     * rclone keeps in the object's {@code mtime} metadata (seconds since the epoch, with a
     * fraction), else the object's own time, which is when it was uploaded. A sync uploads files
     * in parallel, so upload times do not keep the upstream's order of two files.
     */
    public Optional<Instant> fileTime(String path) {
        return headObject(key(path)).map(head -> rcloneTime(head.metadata().get("mtime")).orElse(head.lastModified()));
    }

    private static Optional<Instant> rcloneTime(String mtime) {
        if (mtime == null) {
            return Optional.empty();
        }
        try {
            java.math.BigDecimal seconds = new java.math.BigDecimal(mtime.strip());
            return Optional.of(Instant.ofEpochSecond(0, seconds.movePointRight(9).longValueExact()));
        } catch (NumberFormatException | ArithmeticException notRclones) {
            return Optional.empty(); // someone else's metadata of that name: the object's own time
        }
    }

    @Override
    public Optional<byte[]> read(String path) {
        return unlessMissing(() -> client.getObjectAsBytes(request -> request.bucket(bucket).key(key(path))).asByteArray());
    }

    /** An answer about one object, or empty when the service says it does not exist (404, with or without a body). */
    private static <T> Optional<T> unlessMissing(java.util.function.Supplier<T> request) {
        try {
            return Optional.of(request.get());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public void write(String path, byte[] bytes, String contentType) {
        client.putObject(request -> request.bucket(bucket).key(key(path)).contentType(contentType), RequestBody.fromBytes(bytes));
    }

    /** Uploads a file of this machine, streamed from the disk (the SDK sends a large one in parts of its own). */
    public void upload(String path, java.nio.file.Path file) {
        client.putObject(request -> request.bucket(bucket).key(key(path)).contentType("application/octet-stream"), RequestBody.fromFile(file));
    }

    /** Downloads an object into a file of this machine, which must not exist yet; false when there is no such object. */
    public boolean download(String path, java.nio.file.Path file) {
        return unlessMissing(() -> client.getObject(request -> request.bucket(bucket).key(key(path)), file)).isPresent();
    }

    /** Deletes one object; nothing when there is none. */
    public void deleteFile(String path) {
        client.deleteObject(request -> request.bucket(bucket).key(key(path)));
    }

    /** A copy made by the service itself: no byte passes through this machine. */
    public void copy(String from, String to) {
        client.copyObject(request -> request.sourceBucket(bucket).sourceKey(key(from)).destinationBucket(bucket).destinationKey(key(to)));
    }

    /** Deletes every object below the folder, up to 1,000 per request, in the order {@link MarkerNames} gives. */
    @Override
    public void deleteFolder(String folder) {
        List<String> keys = files(folder);
        List<String> first = new ArrayList<>();
        List<String> middle = new ArrayList<>();
        List<String> last = new ArrayList<>();
        for (String key : keys) {
            String name = key.substring(key.lastIndexOf('/') + 1);
            (name.equals(markers.completion()) ? first : name.equals(markers.inProgress()) ? last : middle).add(key);
        }
        for (List<String> group : List.of(first, middle, last)) {
            for (int start = 0; start < group.size(); start += DELETE_BATCH) {
                delete(group.subList(start, Math.min(group.size(), start + DELETE_BATCH)));
            }
        }
    }

    private void delete(List<String> keys) {
        List<ObjectIdentifier> identifiers = keys.stream().map(key -> ObjectIdentifier.builder().key(key).build()).toList();
        DeleteObjectsResponse response = client.deleteObjects(request -> request.bucket(bucket)
                .delete(Delete.builder().objects(identifiers).quiet(true).build()));
        if (!response.errors().isEmpty()) {
            var error = response.errors().get(0);
            throw new StorageException("Cannot delete " + error.key() + " from bucket " + bucket + ": " + error.code()
                    + " (" + response.errors().size() + " objects not deleted)");
        }
    }

    /** The service cannot stamp a prefix: listings are cached for a while instead. */
    @Override
    public Optional<Object> folderStamp(String folder) {
        return Optional.empty();
    }

    /**
     * A URL that lets whoever holds it GET (or, with {@code head}, HEAD: the method is part of the
     * signature) the object until it expires. It carries a signature, never the secret.
     */
    public URI presigned(String path, Duration validFor, boolean head) {
        String key = key(path);
        java.net.URL url = head
                ? presigner.presignHeadObject(request -> request.signatureDuration(validFor)
                        .headObjectRequest(get -> get.bucket(bucket).key(key))).url()
                : presigner.presignGetObject(request -> request.signatureDuration(validFor)
                        .getObjectRequest(get -> get.bucket(bucket).key(key))).url();
        try {
            return url.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("The presigned URL of " + key + " is not a URI", e);
        }
    }

    public String bucket() {
        return bucket;
    }

    @Override
    public void close() {
        presigner.close();
        client.close();
    }

    private ListObjectsV2Request.Builder list(String prefix) {
        return ListObjectsV2Request.builder().bucket(bucket).prefix(prefix);
    }

    /** The key prefix of a folder: its key and a slash, or nothing for the root. */
    private static String prefix(String folder) {
        String key = key(folder);
        return key.isEmpty() ? "" : key + "/";
    }

    private static String key(String path) {
        return String.join("/", DiskPath.segments(path));
    }

    /** Keys that could not be named by a disk path (".." segments, empty segments) are ignored. */
    private static boolean isDiskPath(String key) {
        try {
            return key(key).equals(key);
        } catch (OutsideDiskException e) {
            return false;
        }
    }

    /** The bucket refused or failed a request; the message names what was being done. */
    public static final class StorageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StorageException(String message) {
            super(message);
        }
    }
}
