package dev.parceler.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A Docker engine of the test's own: Debian's {@code dockerd} with its own socket and exec root
 * in a temporary folder, stopped by its pid at the end. Its data root is a fixed folder
 * ({@code /var/cache/parceler-ci/docker}, or {@code -Dparceler.docker.cache=DIR}) so that a
 * second run on the same machine reuses the base images and the build layers; a lock on it keeps
 * two engines off one data root. The public base images cannot be pulled here: stand-ins with
 * the official names are built from Debian packages ({@code src/test/resources/stand-ins}).
 * Without the engine's parts (root, dockerd, docker compose v2, debootstrap) the test is skipped,
 * and fails under {@code CI=true}.
 */
public final class DockerEngine implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Path STAND_INS = Path.of("src", "test", "resources", "stand-ins");
    public static final String DEBIAN_BASE = "parceler-ci/debian:bookworm";
    public static final String S3_IMAGE = "parceler-ci/s3proxy:test";

    private final Path folder;
    private final Process daemon;
    private final FileChannel lockFile;
    private final FileLock lock;
    private final MachineLoad machine;
    private final Map<String, String> environment;
    private final Path docker;

    private DockerEngine(Path folder, Process daemon, FileChannel lockFile, FileLock lock, MachineLoad machine, Path docker,
            Map<String, String> environment) {
        this.machine = machine;
        this.folder = folder;
        this.daemon = daemon;
        this.lockFile = lockFile;
        this.lock = lock;
        this.docker = docker;
        this.environment = environment;
    }

    public static DockerEngine start() {
        if (!"root".equals(System.getProperty("user.name"))) {
            missing("root (dockerd runs as root)");
        }
        Path dockerd = ExternalBinary.require("dockerd");
        Path docker = ExternalBinary.require("docker");
        Path cache = Path.of(System.getProperty("parceler.docker.cache", "/var/cache/parceler-ci/docker"));
        try {
            Files.createDirectories(cache);
            FileChannel lockFile = FileChannel.open(cache.resolveSibling(cache.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            // The container stack tests run in parallel forks: the second waits for the first's engine to stop.
            // Before it, the machine: tests that measure a time bound do not run beside a stack.
            MachineLoad machine = MachineLoad.heavy();
            FileLock lock = lockFile.lock();
            // Short paths: containerd's sockets live under the exec root and unix socket paths are limited.
            Path folder = Files.createTempDirectory(Path.of("/tmp"), "pdk");
            Path socket = folder.resolve("docker.sock");
            Process daemon = new ProcessBuilder(dockerd.toString(), "--data-root", cache.toString(),
                    "--exec-root", folder.resolve("exec").toString(), "-H", "unix://" + socket,
                    "--pidfile", folder.resolve("docker.pid").toString())
                    .redirectErrorStream(true).redirectOutput(folder.resolve("dockerd.log").toFile()).start();
            Map<String, String> environment = new HashMap<>();
            environment.put("DOCKER_HOST", "unix://" + socket);
            environment.put("DOCKER_CONFIG", folder.resolve("config").toString());
            DockerEngine engine = new DockerEngine(folder, daemon, lockFile, lock, machine, docker, environment);
            engine.awaitReady();
            return engine;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!daemon.isAlive()) {
                throw new IllegalStateException("dockerd exited with " + daemon.exitValue() + ":\n" + log());
            }
            if (run(List.of("version", "--format", "{{.Server.Version}}"), null, Duration.ofSeconds(10)).exitCode() == 0) {
                if (run(List.of("compose", "version"), null, Duration.ofSeconds(10)).exitCode() != 0) {
                    close();
                    missing("docker compose v2 (the docker-compose package of Debian trixie, see .ci/run)");
                }
                if (run(List.of("buildx", "version"), null, Duration.ofSeconds(10)).exitCode() != 0) {
                    // No buildx: compose and docker build use the classic builder.
                    environment.put("DOCKER_BUILDKIT", "0");
                    environment.put("COMPOSE_DOCKER_CLI_BUILD", "0");
                }
                // The engine is the test's own: containers and volumes of a run cut short are removed.
                for (String id : run(List.of("ps", "-aq"), null, Duration.ofSeconds(10)).output().strip().split("\\s+")) {
                    if (!id.isBlank()) {
                        run(List.of("rm", "-f", "-v", id), null, Duration.ofSeconds(30));
                    }
                }
                for (String volume : run(List.of("volume", "ls", "-q"), null, Duration.ofSeconds(10)).output().strip().split("\\s+")) {
                    if (!volume.isBlank()) {
                        run(List.of("volume", "rm", "-f", volume), null, Duration.ofSeconds(30));
                    }
                }
                return;
            }
            sleep(200);
        }
        close();
        throw new IllegalStateException("dockerd did not answer within " + START_TIMEOUT.toSeconds() + " s:\n" + log());
    }

    /** The variables a docker or docker compose command needs to reach this engine. */
    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    public String log() {
        try {
            return Files.readString(folder.resolve("dockerd.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** {@code docker <arguments>}, with {@code input} on standard input when not null. */
    public Result docker(Duration timeout, String... arguments) {
        return run(List.of(arguments), null, timeout);
    }

    public Result run(List<String> arguments, String input, Duration timeout) {
        return run(folder, arguments, input, timeout, Map.of());
    }

    public Result run(Path directory, List<String> arguments, String input, Duration timeout, Map<String, String> extra) {
        List<String> command = new ArrayList<>();
        command.add(docker.toString());
        command.addAll(arguments);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
            builder.environment().putAll(environment);
            builder.environment().putAll(extra);
            Path output = Files.createTempFile(folder, "out", ".txt");
            builder.redirectOutput(output.toFile());
            if (input == null) {
                builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            }
            Process process = builder.start();
            if (input != null) {
                try (var stdin = process.getOutputStream()) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                return new Result(-1, Files.readString(output) + "\n(killed after " + timeout.toSeconds() + " s)");
            }
            String text = Files.readString(output);
            Files.delete(output);
            return new Result(process.exitValue(), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: docker " + arguments, e);
        }
    }

    /**
     * Tags stand-ins of the official base images (eclipse-temurin:17-jre, maven:3.9-eclipse-temurin-17,
     * nginx:1.27-alpine) built from a debootstrapped Debian, unless the data root has them already.
     * Returns what was built, for the test's report.
     */
    public List<String> standInBaseImages() {
        List<String> built = new ArrayList<>();
        if (docker(Duration.ofSeconds(30), "image", "inspect", DEBIAN_BASE).exitCode() != 0) {
            importDebian();
            built.add(DEBIAN_BASE);
        }
        for (Map.Entry<String, String> standIn : Map.of("jre", "eclipse-temurin:17-jre",
                "maven", "maven:3.9-eclipse-temurin-17", "nginx", "nginx:1.27-alpine").entrySet()) {
            build(standIn.getKey(), standIn.getValue());
            built.add(standIn.getValue());
        }
        return built;
    }

    /** A stand-in of postgres:15 from Debian's postgresql package, for the scale-out stack. */
    public String standInPostgres() {
        build("postgres", "postgres:15");
        return "postgres:15";
    }

    /**
     * An S3-compatible server in a container ({@link #S3_IMAGE}): S3Proxy, the version the
     * in-process tests run, with its jars from this test's own class path (nothing is fetched),
     * objects in a folder of the container, one bucket {@link S3Server#BUCKET}, AWS signatures checked.
     */
    public String s3ServerImage() {
        Path context = prepareContext("s3proxy");
        try {
            Path lib = Files.createDirectories(context.resolve("lib"));
            List<String> classPath = new ArrayList<>();
            for (Path jar : testClassPath()) {
                String name = jar.getFileName().toString();
                if (!Files.exists(lib.resolve(name))) {
                    Files.copy(jar, lib.resolve(name), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
                classPath.add("/opt/s3proxy/lib/" + name);
            }
            Files.writeString(context.resolve("classpath"), String.join(":", classPath));
            Files.writeString(context.resolve("s3proxy.conf"), String.join("\n",
                    "s3proxy.endpoint=http://0.0.0.0:9000",
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + S3Server.ACCESS_KEY,
                    "s3proxy.credential=" + S3Server.SECRET_KEY,
                    "jclouds.provider=filesystem-nio2",
                    "jclouds.filesystem.basedir=/var/lib/s3proxy", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buildContext(context, S3_IMAGE);
        return S3_IMAGE;
    }

    /** The jars this test runs with: the class path, or the one a manifest-only booter jar names. */
    private static List<Path> testClassPath() throws IOException {
        String property = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<Path> jars = new ArrayList<>();
        for (String entry : property.split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(path) && !path.toAbsolutePath().toString().contains("/target/")) {
                jars.add(path);
            }
        }
        if (jars.isEmpty()) {
            throw new IllegalStateException("No jars on the test class path: " + property);
        }
        return jars;
    }

    private void build(String standIn, String tag) {
        buildContext(prepareContext(standIn), tag);
    }

    private void buildContext(Path context, String tag) {
        // Always built: when nothing changed every step is a cache hit and it takes a second.
        Result build = run(context, List.of("build", "-q", "-t", tag, "."), null, Duration.ofMinutes(10),
                Map.of("DOCKER_BUILDKIT", "0"));
        if (build.exitCode() != 0) {
            throw new IllegalStateException("Building " + tag + " failed:\n" + build.output());
        }
    }

    private Path prepareContext(String name) {
        try {
            Path context = Files.createDirectories(folder.resolve("stand-in-" + name));
            try (var files = Files.list(STAND_INS.resolve(name))) {
                for (Path file : files.toList()) {
                    Files.copy(file, context.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            if (name.equals("maven")) {
                Files.copy(Path.of("/etc/ssl/certs/java/cacerts"), context.resolve("cacerts"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal bookworm from the Debian mirror this machine's apt uses, imported as {@link #DEBIAN_BASE}. */
    private void importDebian() {
        Path debootstrap = ExternalBinary.require("debootstrap");
        Path root = folder.resolve("debian");
        try {
            Process bootstrap = new ProcessBuilder(debootstrap.toString(), "--variant=minbase", "--include=ca-certificates",
                    "bookworm", root.toString(), mirror())
                    .redirectErrorStream(true).redirectOutput(folder.resolve("debootstrap.log").toFile()).start();
            if (!bootstrap.waitFor(10, TimeUnit.MINUTES) || bootstrap.exitValue() != 0) {
                bootstrap.destroyForcibly();
                throw new IllegalStateException("debootstrap failed:\n" + Files.readString(folder.resolve("debootstrap.log")));
            }
            ProcessBuilder tar = new ProcessBuilder("sh", "-c", "rm -rf var/cache/apt/archives/*.deb var/lib/apt/lists/* && tar -c . | \""
                    + docker + "\" import - " + DEBIAN_BASE)
                    .directory(root.toFile()).redirectErrorStream(true).redirectOutput(folder.resolve("import.log").toFile());
            tar.environment().putAll(environment);
            Process imported = tar.start();
            if (!imported.waitFor(5, TimeUnit.MINUTES) || imported.exitValue() != 0) {
                imported.destroyForcibly();
                throw new IllegalStateException("docker import failed:\n" + Files.readString(folder.resolve("import.log")));
            }
            new ProcessBuilder("rm", "-rf", root.toString()).start().waitFor(2, TimeUnit.MINUTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while bootstrapping Debian", e);
        }
    }

    /** The first Debian mirror of the machine's apt sources (deb822 or one-line); none is a clear failure. */
    static String mirror() {
        Pattern uris = Pattern.compile("(?m)^URIs:\\s*(\\S+)|^deb\\s+(?:\\[[^]]*]\\s+)?(\\S+)\\s+bookworm\\s");
        for (Path sources : List.of(Path.of("/etc/apt/sources.list.d/debian.sources"), Path.of("/etc/apt/sources.list"))) {
            try {
                Matcher found = uris.matcher(Files.readString(sources));
                while (found.find()) {
                    String uri = found.group(1) != null ? found.group(1) : found.group(2);
                    if (!uri.contains("security")) {
                        return uri;
                    }
                }
            } catch (IOException e) {
                // Not this layout: try the other.
            }
        }
        throw new IllegalStateException("No Debian mirror in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list:"
                + " the stand-in base images are bootstrapped from the machine's own mirror");
    }

    @Override
    public void close() {
        if (daemon.isAlive()) {
            daemon.destroy();
            try {
                if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            lock.release();
            lockFile.close();
        } catch (IOException e) {
            // The lock goes with the process anyway.
        }
        machine.close();
        try {
            new ProcessBuilder("rm", "-rf", folder.toString()).start().waitFor(1, TimeUnit.MINUTES);
        } catch (IOException e) {
            // A temporary folder left behind.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A docker command's exit code and its output (standard output and error together). */
    public record Result(int exitCode, String output) {
        public Result orFail(String what) {
            if (exitCode != 0) {
                Assertions.fail(what + " failed (exit " + exitCode + "):\n" + output);
            }
            return this;
        }
    }

    private static void missing(String what) {
        String message = what + " is needed for the container stack test (see .ci/run)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + "; CI must not skip this test");
        }
        Assumptions.abort(message + "; test skipped");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
