package dev.parceler.testing;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * A real S3-compatible server (S3Proxy, objects in memory) on a free loopback port, with AWS
 * signature checks on, and a client of it for arranging and inspecting the bucket.
 */
public final class S3Server implements AutoCloseable {
    public static final String ACCESS_KEY = "parceler-test-access";
    public static final String SECRET_KEY = "parceler-test-secret-0123456789";
    public static final String BUCKET = "parceler-test";

    private final S3Proxy proxy;
    private final URI endpoint;
    private final S3Client client;

    private S3Server(S3Proxy proxy, URI endpoint, S3Client client) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.client = client;
    }

    /** Starts a server holding one empty bucket, {@link #BUCKET}. */
    public static S3Server start() {
        Properties properties = new Properties();
        properties.setProperty("jclouds.identity", ACCESS_KEY);
        properties.setProperty("jclouds.credential", SECRET_KEY);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("transient-nio2", properties))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
            Eventually.await(Duration.ofSeconds(30), "S3Proxy started", () -> "STARTED".equals(proxy.getState()));
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        S3Client client = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
        client.createBucket(request -> request.bucket(BUCKET));
        return new S3Server(proxy, endpoint, client);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The settings of an installation whose disk is this server's bucket. */
    public Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("FILESYSTEM_DISK", "s3");
        environment.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        environment.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        environment.put("AWS_DEFAULT_REGION", "us-east-1");
        environment.put("AWS_BUCKET", BUCKET);
        environment.put("AWS_ENDPOINT", endpoint.toString());
        environment.put("AWS_USE_PATH_STYLE_ENDPOINT", "true");
        return environment;
    }

    /** The bucket's keys, sorted. */
    public java.util.List<String> keys(String prefix) {
        return client.listObjectsV2Paginator(request -> request.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(object -> object.key()).sorted().toList();
    }

    public void put(String key, String content) {
        client.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromString(content));
    }

    public void put(String key, byte[] content) {
        client.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromBytes(content));
    }

    public String get(String key) {
        return client.getObjectAsBytes(request -> request.bucket(BUCKET).key(key)).asUtf8String();
    }

    public void delete(String key) {
        client.deleteObject(request -> request.bucket(BUCKET).key(key));
    }

    @Override
    public void close() {
        client.close();
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
    }
}
