package dev.parceler.app;

import static dev.parceler.testing.HttpProbe.basic;

import dev.parceler.repository.NewRepository;
import dev.parceler.repository.Repository;
import dev.parceler.scheduler.SchedulerProcess;
import dev.parceler.scheduler.SchedulerRoot;
import dev.parceler.snapshot.FeedCheck;
import dev.parceler.snapshot.Manifest;
import dev.parceler.snapshot.SnapshotWrite;
import dev.parceler.snapshot.SnapshotWriter;
import dev.parceler.testing.MovableClock;
import dev.parceler.testing.OpkgFeed;
import dev.parceler.testing.RunningService;
import dev.parceler.testing.TestInstallation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * How cost grows, measured by {@code bench/scale.sh}: each curve is a row per size, in the same
 * run, with its ratios against the smallest size; the rows are also written as TSV files (for the
 * plots). Everything runs in this JVM on loopback: the real server ({@link RunningService}), the
 * real console, scheduler and snapshot writer, on real SQLite files. Prints figures, asserts nothing.
 *
 * <p>Curves: <b>machines</b> (a cached machine's downloads, a known machine's first request in a
 * fresh process, a new machine's first request, the heap, with 1k to 1M machines in the
 * authorization cache and the sightings, on SQLite and on PostgreSQL); <b>surge</b> (a fleet
 * asking for an index, its signature and a package within one window); <b>repositories</b> (a
 * download, {@code /api/status}, the status page, {@code repo:list}, the scheduler's tick, the
 * heap, with 1 to 1,000 repositories); <b>files</b> (a snapshot after 1 % changed, its bytes on
 * disk, the feed check, the deletion of a snapshot, with 1k to 100k files in the feed; on the s3
 * disk, the requests a snapshot sends).
 */
public final class ScaleBenchmark {
    private static final String SECRET = "bench-secret";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Path work;
    private final Path out;
    private final Duration window;
    /** The first load of the run is long: on two cores the JIT needs tens of seconds under load to compile the download path. */
    private Duration warmUp = Duration.ofSeconds(25);

    private ScaleBenchmark(Path work, Path out, Duration window) {
        this.work = work;
        this.out = out;
        this.window = window;
    }

    public static void main(String[] arguments) throws Exception {
        Path work = Path.of(arguments[0]);
        Path out = Path.of(arguments[1]);
        boolean full = List.of(arguments).contains("--full");
        String only = List.of(arguments).stream().filter(a -> a.startsWith("--only=")).map(a -> a.substring(7)).findFirst().orElse("all");
        Files.createDirectories(out);
        // The access log writes a line per download: at this rate it would be most of what is measured.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        ScaleBenchmark bench = new ScaleBenchmark(work, out, Duration.ofSeconds(full ? 10 : 3));
        List<Integer> fleets = full ? List.of(1_000, 10_000, 100_000, 1_000_000, 3_000_000) : List.of(1_000, 10_000, 100_000, 1_000_000);
        if (only.equals("all") || only.equals("machines")) {
            bench.machines(fleets, Optional.empty());
        }
        if (only.equals("all") || only.equals("machines")) {
            try (dev.parceler.testing.PostgresServer postgres = dev.parceler.testing.PostgresServer.start()) {
                bench.machines(fleets, Optional.of(postgres));
            } catch (RuntimeException e) {
                System.out.println("machines on PostgreSQL not measured: " + e.getMessage());
            }
        }
        if (only.equals("all") || only.equals("surge")) {
            bench.surge(full ? List.of(10_000, 100_000, 1_000_000) : List.of(3_000, 10_000, 30_000));
        }
        if (only.equals("all") || only.equals("repositories")) {
            bench.repositories(full ? List.of(1, 10, 100, 1_000, 3_000) : List.of(1, 10, 100, 1_000));
        }
        if (only.equals("all") || only.startsWith("files")) {
            if (!only.equals("files-s3")) {
                bench.files(full ? List.of(1_000, 10_000, 100_000, 300_000) : List.of(1_000, 10_000, 100_000));
            }
            bench.filesOnS3(full ? List.of(1_000, 10_000, 100_000) : List.of(1_000, 10_000));
        }
    }

    // ---------------------------------------------------------------- machines

    private void machines(List<Integer> measured, Optional<dev.parceler.testing.PostgresServer> postgres) throws Exception {
        List<Integer> sizes = withWarmUp(measured);
        Curve curve = new Curve(postgres.isPresent() ? "machines-postgresql" : "machines",
                "machines in the authorization cache and the sightings" + (postgres.isPresent() ? ", on PostgreSQL" : ""),
                List.of("cached downloads/s", "cached p99 ms", "known machine, first request in a fresh process, median ms",
                        "new machine, first request, median ms", "heap added MiB", "database MiB"));
        Map<String, String> base = Map.of("FLEET_SIGHTINGS_MAX", "100000000", "LOG_LEVEL", "warn");
        List<String> known = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            known.add("known-" + i);
        }
        List<RunningService> services = new ArrayList<>();
        List<double[]> figures = new ArrayList<>();
        try {
            for (int index = 0; index < sizes.size(); index++) {
                int machines = sizes.get(index);
                Path home = work.resolve((postgres.isPresent() ? "pg-machines-" : "machines-") + index);
                Map<String, String> environment = new java.util.HashMap<>(base);
                postgres.ifPresent(server -> environment.putAll(server.environment(server.freshDatabase())));
                try (RunningService first = RunningService.start(home, environment)) {
                    first.parceler().createRepository("base", 0);
                    first.parceler().snapshot("base", "2026-11-21T00:00:00+00:00", Map.of("Packages", "x".repeat(2048)));
                    for (String id : known) {
                        first.subscriptions().community(SECRET + id, "2099-01-01T00:00:00Z");
                        download(first, id, SECRET + id);
                    }
                    fill(first.parceler(), machines);
                }
                double heapBefore = heapMiB();
                RunningService service = RunningService.start(home, environment);
                services.add(service);
                service.subscriptions().community(SECRET, "2099-01-01T00:00:00Z");
                List<Double> knownFirst = new ArrayList<>();
                for (String id : known) {
                    knownFirst.add(timed(() -> download(service, id, SECRET + id)));
                }
                List<Double> newFirst = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    String id = "new-" + i;
                    service.subscriptions().community(SECRET + id, "2099-01-01T00:00:00Z");
                    newFirst.add(timed(() -> download(service, id, SECRET + id)));
                }
                figures.add(new double[] {0, 0, median(knownFirst), median(newFirst), heapMiB() - heapBefore,
                        databaseMiB(service.parceler())});
                System.out.printf("   %,d machines: tables %s%n", machines,
                        rows(service.parceler(), "authorization_cache", "machine_sightings", "snapshot_pins"));
            }
            downloadsFirst(curve, sizes, figures, interleaved(services, "/repository/community/base/Packages"));
        } finally {
            services.forEach(RunningService::close);
        }
        curve.print(out);
    }

    /** The rows of {@code figures}, their first two columns the downloads' rate and p99 measured for each size. */
    private static void downloadsFirst(Curve curve, List<Integer> sizes, List<double[]> figures, List<Load> loads) {
        for (int index = 0; index < sizes.size(); index++) {
            double[] row = figures.get(index);
            row[0] = loads.get(index).perSecond();
            row[1] = loads.get(index).p99();
            curve.row(sizes.get(index), row);
        }
    }

    /**
     * A cached machine's downloads from each service, measured in rounds that go through the services
     * in turn, so that drift on the machine (the JIT, the page cache, other work) hits every size
     * alike; each figure is the median over the rounds.
     */
    private List<Load> interleaved(List<RunningService> services, String path) throws Exception {
        load(services.get(0), path, warmUp());
        List<List<Load>> rounds = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            rounds.add(new ArrayList<>());
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < services.size(); i++) {
                rounds.get(i).add(load(services.get(i), path, window));
            }
        }
        List<Load> medians = new ArrayList<>();
        for (List<Load> each : rounds) {
            medians.add(new Load(median(each.stream().map(Load::perSecond).toList()), median(each.stream().map(Load::p99).toList())));
        }
        return medians;
    }

    /**
     * The nightly surge: every machine of the fleet, its answer cached since the day before, asks
     * within the window for the index, its signature and a changed package (what {@code
     * bench/fleet.sh} sends), eight at a time. Each distinct machine costs its first sighting and
     * pin; past the in-process memory of answers (100,000), the shared cache is read.
     */
    private void surge(List<Integer> measured) throws Exception {
        List<Integer> sizes = withWarmUp(measured);
        Curve curve = new Curve("surge", "machines asking within the night's window (index, signature, a package each)",
                List.of("answers/s", "p99 ms", "not 200", "503 share %", "seconds for the fleet"));
        for (int index = 0; index < sizes.size(); index++) {
            int machines = sizes.get(index);
            Path home = work.resolve("surge-" + index);
            try (RunningService service = RunningService.start(home, Map.of("LOG_LEVEL", "warn"))) {
                TestInstallation parceler = service.parceler();
                parceler.createRepository("base", 0);
                parceler.snapshot("base", "2026-11-21T00:00:00+00:00", Map.of("Packages", "x".repeat(2048), "Packages.sig", "s".repeat(96),
                        "kernel_2_all.ipk", "k".repeat(64 * 1024)));
                dev.parceler.auth.AuthorizationCache cache = parceler.installation().auth().cache();
                try (Connection connection = parceler.installation().database().dataSource().getConnection()) {
                    connection.setAutoCommit(false);
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO authorization_cache (realm, system_id,"
                            + " secret_hash, authorized, expires_at) VALUES ('community', '', ?, 1, 4102444800000)")) {
                        for (int i = 0; i < machines; i++) {
                            insert.setString(1, cache.secretHash(dev.parceler.auth.Realm.COMMUNITY,
                                    new dev.parceler.auth.MachineCredentials("", "surge-secret-" + i)));
                            insert.addBatch();
                            if (i % 10_000 == 9_999) {
                                insert.executeBatch();
                            }
                        }
                        insert.executeBatch();
                    }
                    connection.commit();
                }
                curve.row(machines, surgeOf(service, machines));
                System.out.printf("   %,d machines: tables %s%n", machines,
                        rows(parceler, "authorization_cache", "machine_sightings", "snapshot_pins"));
            }
            delete(home);
        }
        curve.print(out);
    }

    private static double[] surgeOf(RunningService service, int machines) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        long start = System.nanoTime();
        try {
            List<Future<long[]>> runs = new ArrayList<>();
            List<List<Long>> latencies = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                List<Long> took = new ArrayList<>();
                latencies.add(took);
                runs.add(clients.submit(() -> {
                    long failed = 0;
                    long unavailable = 0;
                    for (int machine; (machine = next.getAndIncrement()) < machines; ) {
                        String authorization = basic("surge-" + machine, "surge-secret-" + machine);
                        for (String file : new String[] {"Packages", "Packages.sig", "kernel_2_all.ipk"}) {
                            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port()
                                    + "/repository/community/base/" + file)).header("Authorization", authorization).build();
                            long begin = System.nanoTime();
                            HttpResponse<Void> answer = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
                            took.add(System.nanoTime() - begin);
                            if (answer.statusCode() != 200) {
                                failed++;
                                if (answer.statusCode() == 503 && answer.headers().firstValue("Retry-After").isPresent()) {
                                    unavailable++;
                                }
                            }
                        }
                    }
                    return new long[] {failed, unavailable};
                }));
            }
            long failed = 0;
            long unavailable = 0;
            for (Future<long[]> run : runs) {
                long[] counts = run.get();
                failed += counts[0];
                unavailable += counts[1];
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            List<Long> all = new ArrayList<>();
            latencies.forEach(all::addAll);
            all.sort(null);
            return new double[] {all.size() / seconds, all.get((int) (all.size() * 0.99)) / 1e6, failed,
                    100.0 * unavailable / all.size(), seconds};
        } finally {
            clients.shutdownNow();
        }
    }

    /** Adds {@code machines} cached answers and sightings of other machines, as a fleet of that size leaves them. */
    private static void fill(TestInstallation parceler, int machines) throws SQLException {
        Random random = new Random(machines);
        byte[] hash = new byte[32];
        try (Connection connection = parceler.installation().database().dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement cache = connection.prepareStatement(
                    "INSERT INTO authorization_cache (realm, system_id, secret_hash, authorized, expires_at) VALUES ('community', ?, ?, 1, ?)");
                    PreparedStatement seen = connection.prepareStatement("INSERT INTO machine_sightings (repository, system_id, ring,"
                            + " snapshot, seen_at, verified) VALUES ('base', ?, '', '2026-11-21T00:00:00+00:00', ?, 0)")) {
                for (int i = 0; i < machines; i++) {
                    random.nextBytes(hash);
                    String id = HexFormat.of().formatHex(hash);
                    cache.setString(1, "filler-" + i);
                    cache.setString(2, id);
                    cache.setLong(3, 4_102_444_800_000L); // milliseconds: 2100

                    cache.addBatch();
                    seen.setString(1, id);
                    seen.setString(2, "2026-11-21T0" + (i % 10) + ":00:00Z");
                    seen.addBatch();
                    if (i % 10_000 == 9_999) {
                        cache.executeBatch();
                        seen.executeBatch();
                    }
                }
                cache.executeBatch();
                seen.executeBatch();
            }
            connection.commit();
        }
    }

    // ---------------------------------------------------------------- repositories

    private void repositories(List<Integer> measured) throws Exception {
        List<Integer> sizes = withWarmUp(measured);
        Curve curve = new Curve("repositories", "repositories, each with one snapshot",
                List.of("downloads/s", "p99 ms", "/api/status ms", "status page ms", "repo:list ms", "scheduler tick ms", "heap added MiB"));
        Map<String, String> environment = Map.of("STATUS_CACHE", "0", "REPOSITORY_RELEASE_TOKEN", "bench-token", "LOG_LEVEL", "warn");
        List<RunningService> services = new ArrayList<>();
        List<double[]> figures = new ArrayList<>();
        try {
            for (int index = 0; index < sizes.size(); index++) {
                int count = sizes.get(index);
                double heapBefore = heapMiB();
                RunningService service = RunningService.start(work.resolve("repositories-" + index), environment);
                services.add(service);
                TestInstallation parceler = service.parceler();
                for (int i = 0; i < count; i++) {
                    String name = "repository-" + i;
                    parceler.installation().repositoryComponents().repositories().create(new NewRepository(name, "true", Optional.empty(), 7));
                    parceler.snapshot(name, "2026-11-21T00:00:00+00:00", Map.of("Packages", "x".repeat(2048)));
                }
                service.subscriptions().community(SECRET, "2099-01-01T00:00:00Z");
                double status = median(repeat(5, () -> get(service, "/api/status", "Authorization", "Bearer bench-token")));
                double page = median(repeat(5, () -> get(service, "/", "Accept", "text/html")));
                double list = median(repeat(3, () -> {
                    if (parceler.run("repo:list").exitCode() != 0) {
                        throw new IllegalStateException("repo:list failed");
                    }
                }));
                SchedulerProcess scheduler = SchedulerRoot.scheduler(parceler.installation(), "0 * * * *", ZoneOffset.UTC);
                scheduler.runDueTick(parceler.clock().instant());
                parceler.clock().advance(Duration.ofHours(1));
                double tick = timed(() -> {
                    if (scheduler.runDueTick(parceler.clock().instant()).isEmpty()) {
                        throw new IllegalStateException("no tick was due");
                    }
                });
                get(service, "/repository/community/repository-0/Packages", "Authorization", basic("bench-machine", SECRET));
                figures.add(new double[] {0, 0, status, page, list, tick, heapMiB() - heapBefore});
            }
            downloadsFirst(curve, sizes, figures, interleaved(services, "/repository/community/repository-0/Packages"));
        } finally {
            services.forEach(RunningService::close);
        }
        curve.print(out);
    }

    // ---------------------------------------------------------------- files

    private void files(List<Integer> measured) throws Exception {
        List<Integer> sizes = withWarmUp(measured);
        Curve curve = new Curve("files", "files in the feed, 1 % changed between two snapshots",
                List.of("first snapshot ms", "snapshot after 1 % changed ms", "KiB written by it", "feed check ms",
                        "snapshot deleted ms", "s3 requests per snapshot"));
        for (int files : sizes) {
            Path home = work.resolve("files-" + files);
            try (TestInstallation parceler = new TestInstallation(home, MovableClock.at("2026-11-21T00:00:00Z"))) {
                Repository repository = parceler.installation().repositoryComponents().repositories().create(new NewRepository("feed", "true", Optional.empty(), 7));
                Random random = new Random(42);
                byte[] content = new byte[1024];
                OpkgFeed feed = new OpkgFeed(parceler.storageRoot().resolve("source/feed"));
                for (int i = 0; i < files; i++) {
                    random.nextBytes(content);
                    feed.put("package-" + i, "1", content.clone());
                }
                feed.publish();
                SnapshotWriter writer = parceler.installation().snapshotComponents().writer();
                double first = timed(() -> writer.write(repository));
                List<String> changed = new ArrayList<>();
                for (int i = 0; i < files; i += 100) {
                    random.nextBytes(content);
                    feed.put("package-" + i, "2", content.clone());
                    changed.add("package-" + i);
                }
                feed.publishChanged(changed);
                parceler.clock().advance(Duration.ofDays(1));
                Path snapshots = parceler.storageRoot().resolve("snapshots/feed");
                long before = allocatedKiB(snapshots);
                SnapshotWrite[] second = new SnapshotWrite[1];
                double again = timed(() -> second[0] = writer.write(repository));
                long written = allocatedKiB(snapshots) - before;
                Path served = snapshots.resolve(second[0].name());
                Manifest manifest = Manifest.read(served).orElseThrow();
                FeedCheck check = new FeedCheck();
                double checked = median(repeat(3, () -> {
                    List<String> problems = check.problems(manifest, java.util.Set.of(), java.util.Set.of(),
                            entry -> Files.newInputStream(served.resolve(entry)));
                    if (!problems.isEmpty()) {
                        throw new IllegalStateException("the feed check found problems: " + problems);
                    }
                }));
                String oldest;
                try (Stream<Path> listed = Files.list(snapshots)) {
                    oldest = listed.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().findFirst().orElseThrow();
                }
                double deleted = timed(() -> parceler.installation().volume().disk().deleteFolder("snapshots/feed/" + oldest));
                // On s3 a snapshot is made by the storage service: one CopyObject per file, whatever changed,
                // the source listed (one request per 1,000 keys), the snapshot listed to verify it, two small PUTs.
                long s3Requests = manifest.files().size() + 2L * ((manifest.files().size() + 999) / 1000) + 2;
                curve.row(files, first, again, written, checked, deleted, s3Requests);
            }
            delete(home);
        }
        curve.print(out);
    }

    /**
     * The same feeds on the s3 disk (an S3-compatible server on loopback), the requests the second
     * snapshot sends counted by a relay in front of the server: what a storage service bills.
     */
    private void filesOnS3(List<Integer> measured) throws Exception {
        List<Integer> sizes = withWarmUp(measured);
        Curve curve = new Curve("files-s3", "files in the feed on the s3 disk, 1 % changed between two snapshots",
                List.of("snapshot after 1 % changed ms", "requests sent by it", "CopyObject requests", "changed files"));
        for (int files : sizes) {
            Path home = work.resolve("s3-files-" + files);
            try (dev.parceler.testing.S3Server s3 = dev.parceler.testing.S3Server.start();
                    dev.parceler.testing.RecordingRelay relay = dev.parceler.testing.RecordingRelay.to(s3.endpoint());
                    TestInstallation parceler = new TestInstallation(home, MovableClock.at("2026-11-21T00:00:00Z"))) {
                s3.environment().forEach(parceler::env);
                parceler.env("AWS_ENDPOINT", relay.endpoint().toString());
                Repository repository = parceler.installation().repositoryComponents().repositories().create(new NewRepository("feed", "true", Optional.empty(), 7));
                OpkgFeed feed = new OpkgFeed(home.resolve("upstream"));
                Random random = new Random(42);
                byte[] content = new byte[1024];
                for (int i = 0; i < files; i++) {
                    random.nextBytes(content);
                    feed.put("package-" + i, "1", content.clone());
                }
                feed.publish();
                upload(s3, feed.folder(), List.of());
                SnapshotWriter writer = parceler.installation().snapshotComponents().writer();
                writer.write(repository);
                List<String> changed = new ArrayList<>();
                for (int i = 0; i < files; i += 100) {
                    random.nextBytes(content);
                    feed.put("package-" + i, "2", content.clone());
                    changed.add("package-" + i);
                }
                feed.publishChanged(changed);
                upload(s3, feed.folder(), changed);
                parceler.clock().advance(Duration.ofDays(1));
                int before = requests(relay.received()).size();
                double took = timed(() -> writer.write(repository));
                List<String> sent = requests(relay.received());
                sent = sent.subList(before, sent.size());
                long copies = sent.stream().filter(line -> line.startsWith("PUT ") && line.contains("x-amz-copy-source")).count();
                curve.row(files, took, sent.size(), copies, changed.size());
            }
            delete(home);
        }
        curve.print(out);
    }

    /** Uploads the feed's files into the bucket's source folder: all of them, or the index files and {@code changed} packages. */
    private static void upload(dev.parceler.testing.S3Server s3, Path feed, List<String> changed) throws IOException {
        try (Stream<Path> paths = Files.walk(feed)) {
            // The signature last, as a publisher does: on s3 a file's time is its upload's, and the feed check compares them.
            for (Path file : paths.filter(Files::isRegularFile)
                    .sorted(java.util.Comparator.comparing((Path path) -> path.toString().endsWith(".sig"))).toList()) {
                String name = feed.relativize(file).toString();
                boolean index = name.startsWith("Packages");
                if (changed.isEmpty() || index || changed.stream().anyMatch(name::contains)) {
                    s3.put("source/feed/" + name, Files.readAllBytes(file));
                }
            }
        }
    }

    /** Each request the relay saw: its request line and, for a copy, the copy header, as one line. */
    private static List<String> requests(String received) {
        List<String> requests = new ArrayList<>();
        java.util.regex.Matcher start = java.util.regex.Pattern.compile("(?m)^(GET|PUT|HEAD|POST|DELETE) /[^\r\n]* HTTP/1\\.1\r\n")
                .matcher(received);
        while (start.find()) {
            int headersEnd = received.indexOf("\r\n\r\n", start.end());
            String headers = received.substring(start.end(), headersEnd < 0 ? received.length() : headersEnd).toLowerCase(java.util.Locale.ROOT);
            requests.add(start.group().trim() + (headers.contains("x-amz-copy-source:") ? " x-amz-copy-source" : ""));
        }
        return requests;
    }

    // ---------------------------------------------------------------- measuring

    private Duration warmUp() {
        Duration now = warmUp;
        warmUp = Duration.ofSeconds(2);
        return now;
    }

    /** The smallest size once more, first: its row warms the JIT and the page cache and is not counted. */
    private static List<Integer> withWarmUp(List<Integer> sizes) {
        List<Integer> all = new ArrayList<>();
        all.add(sizes.get(0));
        all.addAll(sizes);
        return all;
    }

    /** One curve: a row of figures per size, printed with each figure's ratio to the smallest size's. */
    private static final class Curve {
        private final String name;
        private final String size;
        private final List<String> columns;
        private final Map<Integer, double[]> rows = new LinkedHashMap<>();
        private boolean warmingUp = true;

        Curve(String name, String size, List<String> columns) {
            this.name = name;
            this.size = size;
            this.columns = columns;
            System.out.printf("%n== %s: by %s ==%n", name, size);
        }

        void row(int at, double... figures) {
            StringBuilder line = new StringBuilder(String.format("%,12d", at));
            if (warmingUp) {
                warmingUp = false;
                line.append(" (warm-up, not counted)");
            } else {
                rows.put(at, figures);
            }
            for (int i = 0; i < figures.length; i++) {
                line.append(String.format("  %s %s", columns.get(i), format(figures[i])));
            }
            System.out.println(line);
        }

        void print(Path out) throws IOException {
            double[] base = rows.values().iterator().next();
            int smallest = rows.keySet().iterator().next();
            System.out.printf("%n%s (ratios against %,d):%n", name, smallest);
            StringBuilder header = new StringBuilder("| " + size + " |");
            StringBuilder rule = new StringBuilder("|---:|");
            for (String column : columns) {
                header.append(' ').append(column).append(" |");
                rule.append("---:|");
            }
            System.out.println(header);
            System.out.println(rule);
            StringBuilder tsv = new StringBuilder("# " + size + "\t" + String.join("\t", columns) + "\n");
            for (Map.Entry<Integer, double[]> row : rows.entrySet()) {
                StringBuilder line = new StringBuilder(String.format("| %,d |", row.getKey()));
                tsv.append(row.getKey());
                for (int i = 0; i < row.getValue().length; i++) {
                    double figure = row.getValue()[i];
                    line.append(' ').append(format(figure));
                    if (row.getKey() != smallest && base[i] > 0) {
                        line.append(String.format(" (x%.2f)", figure / base[i]));
                    }
                    line.append(" |");
                    tsv.append('\t').append(figure);
                }
                System.out.println(line);
                tsv.append('\n');
            }
            Files.writeString(out.resolve(name + ".tsv"), tsv);
        }

        private static String format(double figure) {
            return figure >= 100 ? String.format("%,.0f", figure) : figure >= 10 ? String.format("%.1f", figure) : String.format("%.3f", figure);
        }
    }

    record Load(double perSecond, double p99) {
    }

    /** Four clients on loopback asking for {@code path} as a cached machine for {@code duration}. */
    private static Load load(RunningService service, String path, Duration duration) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        long end = System.nanoTime() + duration.toNanos();
        try {
            List<Future<List<Long>>> runs = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                runs.add(clients.submit(() -> {
                    List<Long> took = new ArrayList<>();
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                            .header("Authorization", basic("bench-machine", SECRET)).build();
                    while (System.nanoTime() < end) {
                        long start = System.nanoTime();
                        HttpResponse<Void> answer = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
                        if (answer.statusCode() != 200) {
                            throw new IllegalStateException(path + " answered " + answer.statusCode());
                        }
                        took.add(System.nanoTime() - start);
                    }
                    return took;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> run : runs) {
                all.addAll(run.get());
            }
            all.sort(null);
            return new Load(all.size() / (duration.toNanos() / 1e9), all.get((int) (all.size() * 0.99)) / 1e6);
        } finally {
            clients.shutdownNow();
        }
    }

    private static void download(RunningService service, String id, String secret) {
        int status = service.http().get("/repository/community/base/Packages", "Authorization: " + basic(id, secret)).status();
        if (status != 200) {
            throw new IllegalStateException("machine " + id + " got " + status);
        }
    }

    private static void get(RunningService service, String path, String header, String value) {
        int status = service.http().get(path, header + ": " + value).status();
        if (status != 200) {
            throw new IllegalStateException(path + " answered " + status);
        }
    }

    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /** Milliseconds the step took. */
    private static double timed(Step step) {
        long start = System.nanoTime();
        try {
            step.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static List<Double> repeat(int times, Step step) {
        List<Double> took = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            took.add(timed(step));
        }
        return took;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static double heapMiB() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }

    /** The database's size: its file on SQLite, what PostgreSQL says of it. */
    private static double databaseMiB(TestInstallation parceler) throws IOException, SQLException {
        Optional<Path> file = parceler.settings().database().file();
        if (file.isPresent()) {
            return Files.size(file.get()) / 1048576.0;
        }
        try (Connection connection = parceler.installation().database().dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet size = statement.executeQuery("SELECT pg_database_size(current_database())")) {
            size.next();
            return size.getLong(1) / 1048576.0;
        }
    }

    private static Map<String, Long> rows(TestInstallation parceler, String... tables) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = parceler.installation().database().dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            for (String table : tables) {
                try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    count.next();
                    counts.put(table, count.getLong(1));
                }
            }
        }
        return counts;
    }

    /** The disk space a folder's files take (hard links counted once), in KiB, as du says. */
    private static long allocatedKiB(Path folder) throws IOException, InterruptedException {
        Process du = new ProcessBuilder("du", "-sk", folder.toString()).redirectErrorStream(true).start();
        String line = new String(du.getInputStream().readAllBytes()).trim();
        du.waitFor();
        return Long.parseLong(line.split("\\s+")[0]);
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
