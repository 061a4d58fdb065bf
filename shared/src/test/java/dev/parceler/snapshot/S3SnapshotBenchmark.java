package dev.parceler.snapshot;

import dev.parceler.repository.NewRepository;
import dev.parceler.repository.Repository;
import dev.parceler.testing.S3Server;
import dev.parceler.testing.TestInstallation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Benchmark of a snapshot on the s3 disk after a 1 % change upstream (1,000 objects of 4 KiB,
 * 10 changed), against a full copy (the first snapshot of the same objects) and against the same
 * copies made one at a time, all against S3Proxy on loopback in the same run. Run by
 * {@code bench/s3-snapshot.sh}; prints figures, asserts nothing.
 */
public final class S3SnapshotBenchmark {
    static final int OBJECTS = 1_000;
    static final int CHANGED = 10;

    private S3SnapshotBenchmark() {
    }

    public static void main(String[] arguments) throws Exception {
        int rounds = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 3;
        String payload = "x".repeat(4096);
        double full = Double.MAX_VALUE;
        double changed = Double.MAX_VALUE;
        double sequential = Double.MAX_VALUE;
        try (S3Server s3 = S3Server.start()) {
            for (int round = 0; round < rounds + 1; round++) {
                s3.keys("").parallelStream().forEach(s3::delete);
                IntStream.range(0, OBJECTS).parallel().forEach(i -> s3.put("source/bench/f" + i, payload + i));
                Path home = Files.createTempDirectory("parceler-s3-bench");
                try (TestInstallation parceler = TestInstallation.in(home)) {
                    s3.environment().forEach(parceler::env);
                    Repository repository = parceler.installation().repositoryComponents().repositories()
                            .create(new NewRepository("bench", "true", Optional.empty(), 7));
                    double fullSeconds = time(() -> parceler.installation().snapshotComponents().writer().write(repository));
                    IntStream.range(0, CHANGED).forEach(i -> s3.put("source/bench/f" + (i * 97), "changed " + i));
                    parceler.clock().advance(Duration.ofMinutes(1));
                    double changedSeconds = time(() -> parceler.installation().snapshotComponents().writer().write(repository));
                    parceler.env("AWS_COPY_CONCURRENCY", "1");
                    parceler.clock().advance(Duration.ofMinutes(1));
                    double sequentialSeconds = time(() -> parceler.installation().snapshotComponents().writer().write(repository));
                    if (round == 0) {
                        continue; // warm-up: JIT, connection pool
                    }
                    full = Math.min(full, fullSeconds);
                    changed = Math.min(changed, changedSeconds);
                    sequential = Math.min(sequential, sequentialSeconds);
                }
            }
        }
        System.out.printf("%n== s3 disk (S3Proxy on loopback): %,d objects of 4 KiB, %d changed; best of %d ==%n",
                OBJECTS, CHANGED, rounds);
        System.out.printf("full copy (first snapshot, 16 at once):   %.3f s%n", full);
        System.out.printf("after a 1 %% change (16 at once):          %.3f s  = %.2fx the full copy%n", changed, changed / full);
        System.out.printf("after a 1 %% change, one copy at a time:   %.3f s  (16 at once: %.2fx of it)%n", sequential,
                changed / sequential);
    }

    private static double time(Runnable snapshot) {
        long start = System.nanoTime();
        snapshot.run();
        return (System.nanoTime() - start) / 1e9;
    }
}
