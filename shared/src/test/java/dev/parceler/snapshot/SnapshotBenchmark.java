package dev.parceler.snapshot;

import dev.parceler.repository.NewRepository;
import dev.parceler.repository.Repository;
import dev.parceler.testing.MovableClock;
import dev.parceler.testing.TestInstallation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Benchmark of a snapshot after a 1 % change upstream, against {@code cp -a} and
 * {@code rsync -a --link-dest} of the same tree, measured in the same run. Run by
 * {@code bench/snapshot.sh}; prints figures, asserts nothing.
 */
public final class SnapshotBenchmark {
    private SnapshotBenchmark() {
    }

    public static void main(String[] arguments) throws Exception {
        Path work = Path.of(arguments[0]);
        int rounds = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 3;
        String only = arguments.length > 2 ? arguments[2] : "all";
        if (only.equals("all") || only.equals("large")) {
            scenario(work.resolve("large"), "2,000 files of 512 KiB (1 GiB)", 2_000, 512 * 1024, rounds);
        }
        if (only.equals("all") || only.equals("small")) {
            scenario(work.resolve("small"), "10,000 files of 2 KiB", 10_000, 2 * 1024, rounds);
        }
        if (only.equals("all") || only.equals("feed")) {
            feedCheckCost(work.resolve("feed"), 10_000, 2 * 1024, rounds);
        }
        if (only.equals("all") || only.equals("signed")) {
            signatureCost(work.resolve("signed"), 10_000, rounds);
        }
    }

    /**
     * What verifying signatures adds to the feed check: the check of an opkg feed of {@code
     * packages} packages signed with a usign key (signify), and of a Debian repository of as many
     * packages (dists layout, Release signed by gpg: InRelease and Release.gpg), each with its
     * trusted keys against the same check without keys, on the same files in the same run.
     */
    private static void signatureCost(Path home, int packages, int rounds) throws Exception {
        System.out.printf("%n== feed check with signatures: %,d packages; best of %d ==%n", packages, rounds * 3);
        Random random = new Random(42);
        byte[] content = new byte[2 * 1024];

        Path opkg = home.resolve("opkg");
        dev.parceler.testing.OpkgFeed feed = new dev.parceler.testing.OpkgFeed(opkg);
        for (int i = 0; i < packages; i++) {
            random.nextBytes(content);
            feed.put("package-" + i, "1", content.clone());
        }
        feed.publish();
        dev.parceler.testing.SigningKeys.Usign usign = dev.parceler.testing.SigningKeys.usign(home.resolve("keys"), "publisher");
        usign.sign(opkg.resolve("Packages"), opkg.resolve("Packages.sig"));
        compare("opkg feed (usign)", opkg, new dev.parceler.signature.Keyring(
                dev.parceler.signature.KeyFiles.read(List.of(usign.publicKey()))), rounds * 3);

        Path debian = home.resolve("debian");
        StringBuilder index = new StringBuilder();
        for (int i = 0; i < packages; i++) {
            random.nextBytes(content);
            String filename = "pool/main/p/package-" + i + "_1_all.deb";
            Files.createDirectories(debian.resolve(filename).getParent());
            Files.write(debian.resolve(filename), content);
            index.append("Package: package-").append(i).append("\nVersion: 1\nArchitecture: all\nFilename: ").append(filename)
                    .append("\nSize: ").append(content.length).append("\nSHA256: ").append(sha256(content))
                    .append("\nDescription: package ").append(i).append("\n\n");
        }
        Path binary = debian.resolve("dists/stable/main/binary-amd64");
        Files.createDirectories(binary);
        Files.writeString(binary.resolve("Packages"), index);
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(binary.resolve("Packages.gz")))) {
            out.write(index.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        try (dev.parceler.testing.SigningKeys.OpenPgp archive = dev.parceler.testing.SigningKeys.openPgp(home.resolve("keys"), "archive")) {
            dev.parceler.testing.AptArchive.release(debian, debian.resolve("dists/stable"), "dists/stable", archive);
            compare("Debian repository (OpenPGP)", debian, new dev.parceler.signature.Keyring(
                    dev.parceler.signature.KeyFiles.read(List.of(archive.publicKey()))), rounds * 3);
        }
        deleteQuietly(home);
    }

    private static void compare(String label, Path root, dev.parceler.signature.Keyring keys, int rounds) throws IOException {
        List<Manifest.Entry> entries = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                entries.add(new Manifest.Entry(root.relativize(file).toString(), Files.size(file),
                        Files.getLastModifiedTime(file).toMillis(), sha256(Files.readAllBytes(file))));
            }
        }
        Manifest manifest = new Manifest(1, entries);
        FeedCheck check = new FeedCheck();
        double without = Double.MAX_VALUE;
        double with = Double.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            List<String> plain = check.problems(dev.parceler.signature.Keyring.NONE, manifest, java.util.Set.of(), java.util.Set.of(),
                    path -> Files.newInputStream(root.resolve(path)));
            without = Math.min(without, seconds(start));
            start = System.nanoTime();
            List<String> signed = check.problems(keys, manifest, java.util.Set.of(), java.util.Set.of(),
                    path -> Files.newInputStream(root.resolve(path)));
            with = Math.min(with, seconds(start));
            if (!plain.isEmpty() || !signed.isEmpty()) {
                throw new IllegalStateException(label + ": the check found problems: " + plain + " " + signed);
            }
        }
        System.out.printf("%-28s check without keys %7.3f s, with keys %7.3f s: x%.2f%n", label, without, with, with / without);
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The feed check's cost: an opkg feed of {@code packages} packages (Packages, Packages.gz,
     * Packages.sig) in which 1 % of the packages get new content and a new index, snapshotted by
     * two repositories of the same content, one with the check and one without.
     */
    private static void feedCheckCost(Path home, int packages, int size, int rounds) throws Exception {
        System.out.printf("%n== feed check: opkg feed of %,d packages of %d KiB, 1 %% changed; best of %d ==%n",
                packages, size / 1024, rounds);
        double bestChecked = Double.MAX_VALUE;
        double bestUnchecked = Double.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            Path root = home.resolve("round-" + round);
            try (TestInstallation parceler = new TestInstallation(root, MovableClock.at("2026-11-21T00:00:00Z"))) {
                Repository checked = parceler.installation().repositoryComponents().repositories().create(new NewRepository("checked", "true",
                        Optional.empty(), 7, false, true, dev.parceler.repository.DelayPolicy.WINDOW));
                Repository unchecked = parceler.installation().repositoryComponents().repositories().create(new NewRepository("unchecked", "true",
                        Optional.empty(), 7, false, false, dev.parceler.repository.DelayPolicy.WINDOW));
                List<dev.parceler.testing.OpkgFeed> feeds = List.of(
                        feed(parceler.storageRoot().resolve("source/checked"), packages, size),
                        feed(parceler.storageRoot().resolve("source/unchecked"), packages, size));
                SnapshotWriter writer = parceler.installation().snapshotComponents().writer();
                writer.write(checked);
                writer.write(unchecked);
                for (dev.parceler.testing.OpkgFeed feed : feeds) {
                    Random random = new Random(7);
                    byte[] content = new byte[size];
                    List<String> changed = new java.util.ArrayList<>();
                    for (int i = 0; i < packages; i += 100) {
                        random.nextBytes(content);
                        feed.put("package-" + i, "2", content.clone());
                        changed.add("package-" + i);
                    }
                    feed.publishChanged(changed);
                }
                parceler.clock().advance(Duration.ofDays(1));
                // Alternate which goes first, so neither always finds the other's writes in the page cache.
                for (int order = 0; order < 2; order++) {
                    Repository repository = (round + order) % 2 == 0 ? checked : unchecked;
                    exec("sync");
                    long start = System.nanoTime();
                    writer.write(repository);
                    double took = seconds(start);
                    if (repository == checked) {
                        bestChecked = Math.min(bestChecked, took);
                    } else {
                        bestUnchecked = Math.min(bestUnchecked, took);
                    }
                }
            }
            deleteQuietly(root);
        }
        System.out.printf("snapshot with feed check     %8.3f s%n", bestChecked);
        System.out.printf("snapshot without feed check  %8.3f s%n", bestUnchecked);
        System.out.printf("feed check cost:             %+.1f %% (goal < 20 %%)%n", (bestChecked / bestUnchecked - 1) * 100);
    }

    private static dev.parceler.testing.OpkgFeed feed(Path folder, int packages, int size) {
        Random random = new Random(42);
        byte[] content = new byte[size];
        dev.parceler.testing.OpkgFeed feed = new dev.parceler.testing.OpkgFeed(folder);
        for (int i = 0; i < packages; i++) {
            random.nextBytes(content);
            feed.put("package-" + i, "1", content.clone());
        }
        return feed.publish();
    }

    private static void scenario(Path home, String label, int files, int size, int rounds) throws Exception {
        System.out.printf("%n== %s, 1 %% of the files changed; best of %d ==%n", label, rounds);
        double best = Double.MAX_VALUE;
        long bestDisk = 0;
        double bestCp = Double.MAX_VALUE;
        long cpDisk = 0;
        double bestRsync = Double.MAX_VALUE;
        long rsyncDisk = 0;
        for (int round = 0; round < rounds; round++) {
            Path root = home.resolve("round-" + round);
            try (TestInstallation parceler = new TestInstallation(root, MovableClock.at("2026-11-21T00:00:00Z"))) {
                Path source = parceler.storageRoot().resolve("source/bench");
                build(source, files, size);
                Repository repository = parceler.installation().repositoryComponents().repositories()
                        .create(new NewRepository("bench", "true", Optional.empty(), 7));
                SnapshotWriter writer = parceler.installation().snapshotComponents().writer();
                writer.write(repository);
                // rsync's own previous copy: it links only to files with its own permissions and times.
                Path copies = root.resolve("compare");
                Path rsyncPrevious = copies.resolve("rsync-previous");
                Files.createDirectories(copies);
                exec("rsync", "-a", source + "/", rsyncPrevious.toString());
                change(source, files / 100, size);
                parceler.clock().advance(Duration.ofDays(1));
                Path snapshots = parceler.storageRoot().resolve("snapshots/bench");

                long before = du(snapshots);
                // Every timed step starts with the page cache flushed, so none pays for another's writes.
                exec("sync");
                long start = System.nanoTime();
                writer.write(repository);
                best = Math.min(best, seconds(start));
                bestDisk = du(snapshots) - before;

                exec("sync");
                start = System.nanoTime();
                exec("cp", "-a", source.toString(), copies.resolve("cp").toString());
                bestCp = Math.min(bestCp, seconds(start));
                cpDisk = du(copies.resolve("cp"));

                Path linked = copies.resolve("rsync");
                exec("sync");
                start = System.nanoTime();
                exec("rsync", "-a", "--link-dest=" + rsyncPrevious, source + "/", linked.toString());
                bestRsync = Math.min(bestRsync, seconds(start));
                rsyncDisk = du(rsyncPrevious, linked) - du(rsyncPrevious);
            }
            deleteQuietly(root);
        }
        System.out.printf("parceler snapshot      %8.3f s  %10d KiB added%n", best, bestDisk);
        System.out.printf("cp -a                  %8.3f s  %10d KiB added%n", bestCp, cpDisk);
        System.out.printf("rsync -a --link-dest   %8.3f s  %10d KiB added%n", bestRsync, rsyncDisk);
        System.out.printf("ratio vs cp -a:        time %.3fx (goal <= 0.05x)   disk %.4fx (goal <= 0.02x)%n",
                best / bestCp, (double) bestDisk / cpDisk);
        System.out.printf("ratio vs rsync:        time %.3fx (goal <= 1.0x)    disk %.3fx%n",
                best / bestRsync, (double) bestDisk / Math.max(1, rsyncDisk));
    }

    private static void build(Path source, int files, int size) throws IOException {
        Random random = new Random(42);
        byte[] content = new byte[size];
        for (int i = 0; i < files; i++) {
            random.nextBytes(content);
            Path file = source.resolve("packages/" + (i % 50) + "/package-" + i + ".ipk");
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        }
    }

    /** Rewrites every hundredth file, as a sync of new package versions would. */
    private static void change(Path source, int count, int size) throws IOException {
        Random random = new Random(7);
        byte[] content = new byte[size];
        for (int i = 0; i < count; i++) {
            random.nextBytes(content);
            int index = i * 100;
            Files.write(source.resolve("packages/" + (index % 50) + "/package-" + index + ".ipk"), content);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Disk usage in KiB; hard-linked files count once across the folders given. */
    private static long du(Path... folders) throws IOException, InterruptedException {
        String[] command = new String[folders.length + 3];
        command[0] = "du";
        command[1] = "-sk";
        command[2] = "--total";
        for (int i = 0; i < folders.length; i++) {
            command[i + 3] = folders[i].toString();
        }
        List<String> lines = execOutput(command);
        String total = lines.get(lines.size() - 1);
        return Long.parseLong(total.split("\\s+")[0]);
    }

    private static void exec(String... command) throws IOException, InterruptedException {
        execOutput(command);
    }

    private static List<String> execOutput(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new String(process.getInputStream().readAllBytes()).lines().toList();
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + lines);
        }
        return lines;
    }

    private static void deleteQuietly(Path root) throws IOException, InterruptedException {
        exec("rm", "-rf", root.toString());
    }
}
