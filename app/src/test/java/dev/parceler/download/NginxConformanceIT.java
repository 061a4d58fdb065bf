package dev.parceler.download;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.HttpProbe;
import dev.parceler.testing.HttpProbe.Answer;
import dev.parceler.testing.NginxServer;
import dev.parceler.testing.RunningService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same requests for the same files to Debian's nginx serving the snapshot folder statically
 * (its package's configuration, {@code root} on the folder), to {@code parceler serve} sending the
 * files itself, and to the project's nginx front handing Parceler's authorized downloads to its
 * internal location with X-Accel-Redirect. Every answer is compared with nginx's in what clients
 * and caches read: status, body, Content-Length, Content-Range, Content-Type, Last-Modified,
 * Accept-Ranges, and whether an ETag is there and strong. The only differences allowed are the
 * deliberate ones of {@link #DELIBERATE}, each with its reason (the README lists them too), and
 * each must still be a difference, so the list cannot go stale.
 */
class NginxConformanceIT {
    static final String SNAPSHOT = "2026-11-16T00:00:00+00:00";
    /** When the files were published upstream, days before the snapshot was taken: a one-digit day. */
    static final Instant PUBLISHED = Instant.parse("2026-11-01T08:30:15Z");
    static final String MACHINE = basic("machine-1", "good-secret");
    static final String BIG = "nethsecurity-8-24.10.0-ns.1.6.0-x86-64-generic-squashfs-combined-efi.img.gz";
    static final String PACKAGE = "base-files_1.0-r1_all.ipk";
    static final String EMPTY = "empty.ipk";

    /** Differences from nginx that are chosen, as "target case: what", with the reason. */
    static final Map<String, String> DELIBERATE = deliberate();

    private static Map<String, String> deliberate() {
        Map<String, String> differences = new TreeMap<>();
        String unsatisfiable = "A 416 carries no body (nginx sends its HTML error page, with its own length and type): a client "
                + "resuming a complete file gets no stray bytes to append.";
        for (String name : List.of("range beyond the start", "range backwards", "range malformed", "range on an empty file past its end",
                "range suffix of nothing")) {
            differences.put("direct " + name + ": body", unsatisfiable);
            differences.put("direct " + name + ": Content-Length", unsatisfiable);
            differences.put("direct " + name + ": Content-Type", unsatisfiable);
            String tokens = "The front's error pages do not name nginx's version (server_tokens off), so they are a few bytes shorter.";
            differences.put("front " + name + ": body", tokens);
            differences.put("front " + name + ": Content-Length", tokens);
        }
        return differences;
    }

    record Target(String name, int port, String prefix) {
    }

    /** The validators a target gave in its 200 answer for a file, for the conditional requests. */
    record Validators(String etag, String lastModified) {
    }

    record Case(String name, String method, String file, Function<Validators, List<String>> headers) {
        static Case get(String name, String file, String... headers) {
            return new Case(name, "GET", file, validators -> List.of(headers));
        }
    }

    @TempDir
    Path home;
    private RunningService direct;
    private RunningService behind;
    private NginxServer front;
    private NginxServer reference;
    private Path snapshot;

    @BeforeEach
    void start() throws IOException {
        direct = RunningService.start(home.resolve("parceler"), Map.of());
        direct.subscriptions().community("good-secret", "2027-01-01T00:00:00Z");
        direct.parceler().createRepository("base", 7);
        snapshot = direct.parceler().snapshot("base", SNAPSHOT);
        Random random = new Random(20);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("Packages", "Package: base-files\nVersion: 1.0-r1\nFilename: base-files_1.0-r1_all.ipk\nSize: 5000\n\n"
                .repeat(4).getBytes(StandardCharsets.UTF_8));
        files.put("Packages.gz", bytes(random, 1_234));
        files.put("Packages.sig", bytes(random, 96));
        files.put("packages.adb", bytes(random, 2_345));
        files.put(PACKAGE, bytes(random, 5_000));
        files.put("apk-tools-3.0.0-r1.apk", bytes(random, 3_000));
        files.put("sha256sums", ("0".repeat(64) + " *" + BIG + "\n").getBytes(StandardCharsets.UTF_8));
        files.put("latest_release", "8-24.10.0-ns.1.6.0\n".getBytes(StandardCharsets.UTF_8));
        files.put(BIG, bytes(random, 200_000));
        files.put(EMPTY, new byte[0]);
        files.put("notes.txt", "release notes\n".getBytes(StandardCharsets.UTF_8));
        files.put("notes.html", "<html><script>alert(document.cookie)</script></html>\n".getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path written = Files.write(snapshot.resolve(file.getKey()), file.getValue());
            Files.setLastModifiedTime(written, FileTime.from(PUBLISHED));
        }
        behind = RunningService.start(home.resolve("parceler"), Map.of("DOWNLOAD_X_ACCEL_PREFIX", "/internal"));
        behind.subscriptions().community("good-secret", "2027-01-01T00:00:00Z");
        front = NginxServer.start(home.resolve("front"), behind.port(), behind.parceler().storageRoot());
        reference = NginxServer.serving(home.resolve("reference"), snapshot);
    }

    private static byte[] bytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    @AfterEach
    void stop() {
        for (AutoCloseable server : new AutoCloseable[] {reference, front, behind, direct}) {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static List<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        for (String file : List.of("Packages", "Packages.gz", "Packages.sig", "packages.adb", PACKAGE, "apk-tools-3.0.0-r1.apk",
                "sha256sums", "latest_release", BIG, EMPTY, "notes.txt", "notes.html")) {
            cases.add(Case.get("GET " + file, file));
            cases.add(new Case("HEAD " + file, "HEAD", file, validators -> List.of()));
        }
        // apt's flat "deb URI ./" asks for ./InRelease and ./<package>.deb: a '.' segment is dropped.
        cases.add(Case.get("GET ./Packages", "./Packages"));
        cases.add(Case.get("GET ././package", "././" + PACKAGE));
        cases.add(Case.get("range first bytes", PACKAGE, "Range: bytes=0-99"));
        cases.add(Case.get("range first bytes of a large file", BIG, "Range: bytes=0-99999"));
        cases.add(Case.get("range suffix", PACKAGE, "Range: bytes=-100"));
        cases.add(Case.get("range open-ended", BIG, "Range: bytes=150000-"));
        cases.add(Case.get("range past the end", PACKAGE, "Range: bytes=4990-9999"));
        cases.add(Case.get("range suffix longer than the file", PACKAGE, "Range: bytes=-9999"));
        cases.add(Case.get("range beyond the start", PACKAGE, "Range: bytes=5000-"));
        cases.add(Case.get("range backwards", PACKAGE, "Range: bytes=100-50"));
        cases.add(Case.get("range malformed", PACKAGE, "Range: bytes=abc"));
        cases.add(Case.get("range suffix of nothing", PACKAGE, "Range: bytes=-0"));
        cases.add(Case.get("range of another unit", PACKAGE, "Range: items=0-1"));
        cases.add(Case.get("range without a unit", PACKAGE, "Range: 0-1"));
        cases.add(Case.get("range with spaces and capitals", PACKAGE, "Range: Bytes= 10 - 19"));
        cases.add(Case.get("range several", PACKAGE, "Range: bytes=0-9,20-29,-5"));
        cases.add(Case.get("range several of a large file", BIG, "Range: bytes=0-99999,150000-"));
        cases.add(Case.get("range several, one satisfiable", PACKAGE, "Range: bytes=10-19,9000-9100"));
        cases.add(Case.get("range several adding up to more than the file", PACKAGE, "Range: bytes=0-,0-"));
        cases.add(Case.get("range on an empty file", EMPTY, "Range: bytes=0-"));
        cases.add(Case.get("range on an empty file, first byte", EMPTY, "Range: bytes=0-0"));
        cases.add(Case.get("range on an empty file, suffix", EMPTY, "Range: bytes=-1"));
        cases.add(Case.get("range on an empty file past its end", EMPTY, "Range: bytes=1-"));
        cases.add(new Case("HEAD with a range", "HEAD", PACKAGE, validators -> List.of("Range: bytes=0-99")));
        cases.add(new Case("if-none-match exact", "GET", "Packages", validators -> List.of("If-None-Match: " + validators.etag())));
        cases.add(new Case("if-none-match in a list", "GET", "Packages",
                validators -> List.of("If-None-Match: \"other\", " + validators.etag())));
        cases.add(Case.get("if-none-match star", "Packages", "If-None-Match: *"));
        cases.add(new Case("if-none-match weak", "GET", "Packages", validators -> List.of("If-None-Match: W/" + validators.etag())));
        cases.add(Case.get("if-none-match another tag", "Packages", "If-None-Match: \"other\""));
        cases.add(new Case("HEAD if-none-match exact", "HEAD", "packages.adb", validators -> List.of("If-None-Match: " + validators.etag())));
        cases.add(new Case("if-modified-since equal", "GET", "packages.adb",
                validators -> List.of("If-Modified-Since: " + validators.lastModified())));
        cases.add(Case.get("if-modified-since earlier", "packages.adb", "If-Modified-Since: Sat, 31 Oct 2026 08:30:15 GMT"));
        cases.add(Case.get("if-modified-since later", "packages.adb", "If-Modified-Since: Mon, 02 Nov 2026 08:30:15 GMT"));
        cases.add(Case.get("if-modified-since malformed", "packages.adb", "If-Modified-Since: last tuesday"));
        cases.add(Case.get("if-modified-since with a one-digit day", "packages.adb", "If-Modified-Since: Sun, 1 Nov 2026 08:30:15 GMT"));
        cases.add(Case.get("if-modified-since in RFC 850 form", "packages.adb", "If-Modified-Since: Sunday, 01-Nov-26 08:30:15 GMT"));
        cases.add(Case.get("if-modified-since in asctime form", "packages.adb", "If-Modified-Since: Sun Nov  1 08:30:15 2026"));
        // The machine fetched the previous index on the 20th; the delay now serves one published on the 1st.
        cases.add(Case.get("if-modified-since of a newer copy of the previous version", "packages.adb",
                "If-Modified-Since: Fri, 20 Nov 2026 02:05:00 GMT"));
        cases.add(new Case("if-none-match matching, if-modified-since not", "GET", "Packages",
                validators -> List.of("If-None-Match: " + validators.etag(), "If-Modified-Since: Sat, 31 Oct 2026 08:30:15 GMT")));
        cases.add(new Case("if-none-match not matching, if-modified-since equal", "GET", "Packages",
                validators -> List.of("If-None-Match: \"other\"", "If-Modified-Since: " + validators.lastModified())));
        cases.add(new Case("if-none-match and if-modified-since both matching", "GET", "Packages",
                validators -> List.of("If-None-Match: " + validators.etag(), "If-Modified-Since: " + validators.lastModified())));
        cases.add(new Case("if-none-match matching with a range", "GET", PACKAGE,
                validators -> List.of("If-None-Match: " + validators.etag(), "Range: bytes=0-9")));
        cases.add(new Case("if-range tag matching", "GET", PACKAGE,
                validators -> List.of("Range: bytes=100-199", "If-Range: " + validators.etag())));
        cases.add(Case.get("if-range tag not matching", PACKAGE, "Range: bytes=100-199", "If-Range: \"stale\""));
        cases.add(new Case("if-range weak tag", "GET", PACKAGE,
                validators -> List.of("Range: bytes=100-199", "If-Range: W/" + validators.etag())));
        cases.add(new Case("if-range date matching", "GET", BIG,
                validators -> List.of("Range: bytes=100-199", "If-Range: " + validators.lastModified())));
        cases.add(Case.get("if-range date not matching", BIG, "Range: bytes=100-199", "If-Range: Mon, 02 Nov 2026 08:30:15 GMT"));
        cases.add(Case.get("if-range malformed", BIG, "Range: bytes=100-199", "If-Range: yesterday"));
        return cases;
    }

    @Test
    void parcelerAnswersAsNginxDoesSaveTheDeliberateDifferences() {
        Target nginx = new Target("nginx", reference.port(), "/");
        List<Target> parceler = List.of(new Target("direct", direct.port(), "/repository/community/base/"),
                new Target("front", front.port(), "/repository/community/base/"));
        List<String> found = new ArrayList<>();
        for (Case request : corpus()) {
            Answer expected = ask(nginx, request);
            for (Target target : parceler) {
                Answer answer = ask(target, request);
                differences(expected, answer).forEach(what -> found.add(target.name() + " " + request.name() + ": " + what));
                if (answer.status() == 304) {
                    assertThat(answer.body()).as(target.name() + " " + request.name() + ": no body").isEmpty();
                    assertThat(answer.header("Content-Length")).as(target.name() + " " + request.name() + ": no length").isNull();
                }
                if (answer.status() == 416) {
                    assertThat(answer.header("Content-Length")).as(target.name() + " " + request.name() + ": the body's length")
                            .isEqualTo(Integer.toString(answer.body().length));
                }
            }
        }

        assertThat(found).as("differences from nginx (deliberate ones are listed in DELIBERATE)")
                .containsExactlyInAnyOrderElementsOf(DELIBERATE.keySet());
    }

    /** Mirrored files never run on the console's origin, whoever sends them: Parceler itself or nginx behind it. */
    @Test
    void mirroredFilesAreNeverSniffedAndPagesAreSandboxed() {
        for (Target target : List.of(new Target("direct", direct.port(), "/repository/community/base/"),
                new Target("front", front.port(), "/repository/community/base/"))) {
            for (String file : List.of(PACKAGE, "Packages", "notes.txt", "notes.html")) {
                Answer answer = ask(target, Case.get("GET " + file, file));
                assertThat(answer.status()).as(target.name() + " " + file).isEqualTo(200);
                assertThat(answer.header("X-Content-Type-Options")).as(target.name() + " " + file).isEqualTo("nosniff");
                if (file.endsWith(".html")) {
                    assertThat(answer.header("Content-Security-Policy")).as(target.name() + " " + file).startsWith("sandbox");
                } else {
                    assertThat(answer.header("Content-Security-Policy")).as(target.name() + " " + file).isNull();
                }
            }
        }
    }

    private Answer ask(Target target, Case request) {
        HttpProbe probe = new HttpProbe(target.port());
        String path = target.prefix() + request.file();
        Answer plain = probe.get(path, "Authorization: " + MACHINE);
        assertThat(plain.status()).as(target.name() + " GET " + path).isEqualTo(200);
        List<String> headers = new ArrayList<>(request.headers().apply(new Validators(plain.header("ETag"), plain.header("Last-Modified"))));
        headers.add("Authorization: " + MACHINE);
        return probe.send(request.method(), path, null, headers.toArray(String[]::new));
    }

    /** What differs between nginx's answer and another, in what clients and caches read. */
    static List<String> differences(Answer nginx, Answer other) {
        List<String> differences = new ArrayList<>();
        if (nginx.status() != other.status()) {
            differences.add("status " + other.status() + " instead of " + nginx.status());
            return differences;
        }
        if (!Arrays.equals(withoutBoundary(nginx), withoutBoundary(other))) {
            differences.add("body");
        }
        for (String header : List.of("Content-Length", "Content-Range", "Content-Type", "Last-Modified", "Accept-Ranges")) {
            String expected = header.equals("Content-Type") ? typeWithoutBoundary(nginx) : nginx.header(header);
            String actual = header.equals("Content-Type") ? typeWithoutBoundary(other) : other.header(header);
            if (!Objects.equals(expected, actual)) {
                differences.add(header);
            }
        }
        if ((nginx.header("ETag") == null) != (other.header("ETag") == null)) {
            differences.add("ETag presence");
        } else if (nginx.header("ETag") != null && nginx.header("ETag").startsWith("W/") != other.header("ETag").startsWith("W/")) {
            differences.add("ETag strength");
        }
        return differences;
    }

    private static String boundary(Answer answer) {
        String type = answer.header("Content-Type");
        return type != null && type.startsWith("multipart/byteranges; boundary=") ? type.substring(type.indexOf('=') + 1) : null;
    }

    private static String typeWithoutBoundary(Answer answer) {
        String boundary = boundary(answer);
        return boundary == null ? answer.header("Content-Type") : "multipart/byteranges; boundary=<boundary>";
    }

    private static byte[] withoutBoundary(Answer answer) {
        String boundary = boundary(answer);
        if (boundary == null) {
            return answer.body();
        }
        return new String(answer.body(), StandardCharsets.ISO_8859_1).replace(boundary, "<boundary>").getBytes(StandardCharsets.ISO_8859_1);
    }
}
