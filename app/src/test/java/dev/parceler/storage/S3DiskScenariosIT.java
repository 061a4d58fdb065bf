package dev.parceler.storage;

import dev.parceler.testing.S3Server;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The disk scenarios on the s3 disk, against a real S3-compatible server: downloads are redirects to presigned URLs. */
class S3DiskScenariosIT extends DiskScenarios {
    private S3Server s3;

    @Override
    @BeforeEach
    void start() {
        s3 = S3Server.start();
        super.start();
    }

    @Override
    @AfterEach
    void stop() {
        super.stop();
        s3.close();
    }

    @Override
    Map<String, String> diskSettings() {
        return s3.environment();
    }

    @Override
    void place(String diskPath, String content) {
        s3.put(diskPath, content);
    }

    @Override
    void leaveInterruptedSnapshot(String repositoryFolder, String timestamp, String file, String content) {
        // The s3 writer marks a snapshot it starts, and writes the manifest (the completion marker) last.
        s3.put(repositoryFolder + "/" + timestamp + "/.parceler-writing", "");
        s3.put(repositoryFolder + "/" + timestamp + "/" + file, content);
    }

    @Override
    List<String> stored(String folder) {
        return s3.keys(folder + "/");
    }

    @Override
    int downloadStatus() {
        return 302;
    }
}
