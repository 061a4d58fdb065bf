package dev.parceler.testing;

import dev.parceler.testing.DockerEngine.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code docker compose} on a copy of this checkout as a clean clone has it, under one project
 * name, with the compose files the operator's command names (first the one whose folder holds the
 * {@code .env}, then the test's own additions), for the container stack tests.
 */
public record ComposeProject(DockerEngine engine, Path directory, String name, List<String> files, Map<String, String> environment) {

    public Result run(Duration timeout, String... arguments) {
        return run(null, timeout, arguments);
    }

    public Result run(String input, Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>(List.of("compose", "-p", name));
        for (String file : files) {
            command.add("-f");
            command.add(file);
        }
        command.addAll(List.of(arguments));
        return engine.run(directory, command, input, timeout, new HashMap<>(environment));
    }

    /** {@code docker compose exec -T app <command>}: the console in (the first) app container, without a terminal. */
    public Exec exec(String... command) {
        return new Exec(this, command, null);
    }

    /** The name Docker gives replica {@code index} (from 1) of {@code service}. */
    public String container(String service, int index) {
        return name + "-" + service + "-" + index;
    }

    /** What a stack test does with the services up. */
    public interface Journey {
        void run() throws Exception;
    }

    /**
     * Runs {@code journey} on this stack: after a failure the services' last log lines are printed
     * (what the operator would look at); in any case the stack and its volumes are removed at the end.
     */
    public void around(Journey journey) throws Exception {
        try {
            journey.run();
        } catch (Throwable failure) {
            System.out.println(logs());
            throw failure;
        } finally {
            run(Duration.ofMinutes(2), "down", "-v", "--timeout", "5");
            // Images of earlier builds: the data root is kept between runs, their layers are not needed.
            // Only those a day old: the build stage is untagged, and pruning it at once threw away the
            // layer with Maven's dependencies, fetched again (about 95 s) by every run.
            engine.docker(Duration.ofMinutes(2), "image", "prune", "-f", "--filter", "until=24h");
        }
    }

    /** The services' last log lines: what the operator would look at after a failure. */
    public String logs() {
        return run(Duration.ofSeconds(60), "logs", "--no-color", "--tail", "40").output();
    }

    public record Exec(ComposeProject compose, String[] command, String input) {
        public Exec input(String text) {
            return new Exec(compose, command, text);
        }

        public Result orFail(String what) {
            return run().orFail(what);
        }

        public Result run() {
            List<String> arguments = new ArrayList<>(List.of("exec", "-T", "app"));
            arguments.addAll(List.of(command));
            return compose.run(input, Duration.ofSeconds(60), arguments.toArray(String[]::new));
        }
    }

    /** The files the compose files and the Dockerfiles use, as in a clean clone. */
    public static Path checkoutCopy(Path target) throws IOException {
        Path root = Path.of("..");
        List<String> files = new ArrayList<>(List.of("docker-compose.yml", "Dockerfile", ".dockerignore", "parceler", "pom.xml",
                ".env.example", ".mvn", "deploy/docker-compose.postgres.yml"));
        for (String module : List.of("shared", "worker", "scheduler", "app")) {
            files.add(module + "/pom.xml");
            files.add(module + "/src/main");
        }
        files.add("nginx");
        for (String file : files) {
            Path from = root.resolve(file);
            try (Stream<Path> tree = Files.walk(from)) {
                for (Path path : tree.toList()) {
                    Path to = target.resolve(root.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(to);
                    } else {
                        Files.createDirectories(to.getParent());
                        Files.copy(path, to, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
        return target;
    }

    /** Readable by the containers' users. */
    public static Path world(Path path) throws IOException {
        if (!Files.exists(path)) {
            Files.createDirectories(path);
        }
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
        return path;
    }

    /** Counts of equal answers, in the order first seen: the tests' report of what clients got. */
    public static String summary(List<String> answers) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        answers.forEach(answer -> counts.merge(answer, 1, Integer::sum));
        return counts.toString();
    }

    public static void report(String what, long startedNanos) {
        System.out.printf("%s: %.1f s%n", what, (System.nanoTime() - startedNanos) / 1e9);
    }
}
