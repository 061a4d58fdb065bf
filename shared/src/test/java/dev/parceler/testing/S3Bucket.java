package dev.parceler.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An {@link S3Server} for a whole test class (it takes a few seconds to start), with its bucket
 * emptied before each test: {@code @RegisterExtension static final S3Bucket s3 = new S3Bucket();}
 */
public final class S3Bucket implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private S3Server server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = S3Server.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server.keys("").forEach(server::delete);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    public S3Server server() {
        return server;
    }

    /** A test installation in {@code home} whose disk is this bucket. */
    public TestInstallation installation(java.nio.file.Path home) {
        TestInstallation installation = TestInstallation.in(home);
        server.environment().forEach(installation::env);
        return installation;
    }
}
