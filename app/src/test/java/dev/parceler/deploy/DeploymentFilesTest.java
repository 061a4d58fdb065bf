package dev.parceler.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.ExternalBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The compose files, image definitions and units are read as Docker and systemd would, and checked. */
class DeploymentFilesTest {
    private static final Path ROOT = Path.of("..");
    private static final String SCALE_OUT = "deploy/docker-compose.postgres.yml";
    private static final List<String> PARCELER_SERVICES = List.of("app", "worker", "scheduler");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services(String composeFile) throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve(composeFile)));
        return (Map<String, Object>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(Map<String, Object> services, String name) {
        return (Map<String, Object>) services.get(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker-compose.yml", "deploy/docker-compose.yml"})
    void theFourServicesShareOneStorageVolume(String file) throws Exception {
        Map<String, Object> services = services(file);

        assertThat(services).containsOnlyKeys("app", "worker", "scheduler", "nginx");
        assertThat(service(services, "app").get("command")).isEqualTo(List.of("serve"));
        assertThat(service(services, "worker").get("command")).isEqualTo(List.of("worker"));
        assertThat(service(services, "scheduler").get("command")).isEqualTo(List.of("scheduler"));
        for (String name : List.of("app", "worker", "scheduler")) {
            assertThat(service(services, name).get("volumes")).as(name).isEqualTo(List.of("storage:/var/lib/parceler"));
            assertThat(service(services, name).get("restart")).as(name).isNotNull();
        }
        assertThat(service(services, "nginx").get("volumes")).as("nginx only reads the files")
                .isEqualTo(List.of("storage:/var/lib/parceler:ro"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker-compose.yml", "deploy/docker-compose.yml"})
    @SuppressWarnings("unchecked")
    void servicesWaitForAHealthyAppInsteadOfWaitScripts(String file) throws Exception {
        Map<String, Object> services = services(file);

        for (String name : List.of("app", "worker", "scheduler")) {
            Map<String, Object> health = (Map<String, Object>) service(services, name).get("healthcheck");
            assertThat((List<String>) health.get("test")).as(name).containsExactly("CMD", "parceler", "health");
            assertThat(service(services, name).get("stop_grace_period")).as(name).isEqualTo("60s");
        }
        for (String name : List.of("worker", "scheduler", "nginx")) {
            Map<String, Object> dependsOn = (Map<String, Object>) service(services, name).get("depends_on");
            assertThat(dependsOn).as(name).containsEntry("app", Map.of("condition", "service_healthy"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker-compose.yml", "deploy/docker-compose.yml"})
    @SuppressWarnings("unchecked")
    void everyEnvironmentKeyIsDocumented(String file) throws Exception {
        Set<String> documented = documented(".env.example");
        for (Map.Entry<String, Object> service : services(file).entrySet()) {
            Object environment = ((Map<String, Object>) service.getValue()).get("environment");
            if (environment instanceof Map<?, ?> keys) {
                assertThat(documented).as(service.getKey()).containsAll((Set<String>) keys.keySet());
            }
        }
    }

    @Test
    void productionReadsItsSettingsFromEnv() throws Exception {
        Map<String, Object> services = services("deploy/docker-compose.yml");
        for (String name : List.of("app", "worker", "scheduler")) {
            assertThat(service(services, name).get("env_file")).as(name).isEqualTo(".env");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker-compose.yml", "deploy/docker-compose.yml"})
    @SuppressWarnings("unchecked")
    void containersFixTheirPathsWhichTheExampleLeavesCommentedOut(String file) throws Exception {
        String example = Files.readString(ROOT.resolve(".env.example"));
        for (String name : List.of("app", "worker", "scheduler")) {
            Map<String, Object> environment = (Map<String, Object>) service(services(file), name).get("environment");
            assertThat(environment).as(name).containsEntry("STORAGE_ROOT", "/var/lib/parceler/app")
                    .containsEntry("DB_DATABASE", "/var/lib/parceler/database.sqlite");
            for (String key : environment.keySet()) {
                assertThat(example).as(key + " is commented out in .env.example").containsPattern("(?m)^# " + key + "=")
                        .doesNotContainPattern("(?m)^" + key + "=");
            }
        }
    }

    @Test
    void theImageRunsTheLauncherAsAnOrdinaryUserWithAHealthCheck() throws Exception {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));

        assertThat(dockerfile).contains("ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-17", "ARG JRE_IMAGE=eclipse-temurin:17-jre",
                "FROM ${MAVEN_IMAGE} AS build", "FROM ${JRE_IMAGE}", "rclone", "USER parceler", "VOLUME [\"/var/lib/parceler\"]",
                "HEALTHCHECK", "CMD [\"parceler\", \"health\"]", "ENTRYPOINT [\"parceler\"]");
        assertThat(dockerfile).as("a frontend pull breaks offline builds").doesNotContain("# syntax=");
        assertThat(dockerfile).as("a failing step must fail the build").doesNotContain("|| true");
        assertThat(Files.readString(ROOT.resolve("nginx/Dockerfile"))).contains("parceler.conf.template", "/etc/nginx/templates/");
        String bake = Files.readString(ROOT.resolve("docker-bake.hcl"));
        assertThat(bake).contains("target \"app\"", "target \"nginx\"", "group \"production\"");
    }

    @Test
    void theNginxTemplateProxiesPassesCredentialsAndKeepsFilesInternal() throws Exception {
        String template = Files.readString(ROOT.resolve("nginx/parceler.conf.template"));

        assertThat(template).contains("proxy_pass http://parceler;", "proxy_set_header Authorization $http_authorization;",
                "location /internal/ {", "internal;", "alias ${PARCELER_STORAGE}/;", "client_max_body_size",
                "proxy_read_timeout", "listen ${NGINX_PORT};");
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "worker", "scheduler"})
    void systemdUnitsRunEachProcess(String process) throws Exception {
        String unit = Files.readString(ROOT.resolve("deploy/systemd/parceler-" + process + ".service"));

        assertThat(unit).contains("ExecStart=/opt/parceler/parceler " + process, "User=parceler",
                "EnvironmentFile=/etc/parceler/parceler.env", "Restart=always", "SuccessExitStatus=143");
    }

    @Test
    @SuppressWarnings("unchecked")
    void scaleOutRunsSeveralAppsOnOnePostgresDatabaseAndTheBucket() throws Exception {
        Map<String, Object> services = services(SCALE_OUT);

        assertThat(services).containsOnlyKeys("postgres", "app", "worker", "scheduler", "nginx");
        Map<String, Object> postgres = service(services, "postgres");
        assertThat(postgres.get("image")).isEqualTo("postgres:15");
        assertThat((List<String>) ((Map<String, Object>) postgres.get("healthcheck")).get("test")).anySatisfy(
                part -> assertThat(part).contains("pg_isready"));
        assertThat((Map<String, Object>) postgres.get("environment")).containsEntry("POSTGRES_PASSWORD",
                "${DB_PASSWORD:?set DB_PASSWORD in .env}");
        assertThat((Map<String, Object>) service(services, "app").get("deploy")).as("more than one app process")
                .containsEntry("replicas", "${PARCELER_APP_REPLICAS:-2}");
        assertThat(service(services, "app").get("command")).isEqualTo(List.of("serve"));
        assertThat(service(services, "worker").get("command")).isEqualTo(List.of("worker"));
        assertThat(service(services, "scheduler").get("command")).isEqualTo(List.of("scheduler"));
        for (String name : PARCELER_SERVICES) {
            Map<String, Object> service = service(services, name);
            assertThat((Map<String, Object>) service.get("environment")).as(name).containsEntry("DB_CONNECTION", "pgsql")
                    .containsEntry("DB_HOST", "postgres").containsEntry("FILESYSTEM_DISK", "s3")
                    .containsEntry("DOWNLOAD_S3_MODE", "nginx");
            assertThat((Map<String, Object>) service.get("depends_on")).as(name)
                    .containsEntry("postgres", Map.of("condition", "service_healthy"));
            assertThat((List<String>) ((Map<String, Object>) service.get("healthcheck")).get("test")).as(name)
                    .containsExactly("CMD", "parceler", "health");
            assertThat(service.get("env_file")).as(name).isEqualTo(".env");
            assertThat(service.get("stop_grace_period")).as(name).isEqualTo("60s");
        }
        for (String name : List.of("worker", "scheduler", "nginx")) {
            assertThat((Map<String, Object>) service(services, name).get("depends_on")).as(name)
                    .containsEntry("app", Map.of("condition", "service_healthy"));
        }
        assertThat((Map<String, Object>) service(services, "nginx").get("environment")).as("the service name of every replica")
                .containsEntry("PARCELER_UPSTREAM", "app:8080");
    }

    @Test
    @SuppressWarnings("unchecked")
    void scaleOutPublishesOnlyNginxOnLoopbackOnItsOwnNetwork() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve(SCALE_OUT)));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");

        assertThat((Map<String, Object>) compose.get("networks")).containsOnlyKeys("parceler");
        for (String name : services.keySet()) {
            assertThat(service(services, name).get("networks")).as(name).isEqualTo(List.of("parceler"));
            if (!name.equals("nginx")) {
                assertThat(service(services, name)).as(name + " publishes nothing").doesNotContainKey("ports");
            }
        }
        assertThat((List<String>) service(services, "nginx").get("ports")).singleElement().asString().startsWith("127.0.0.1:");
    }

    @Test
    @SuppressWarnings("unchecked")
    void scaleOutSettingsAndVariablesAreDocumented() throws Exception {
        Set<String> documented = documented(".env.example");
        for (String name : PARCELER_SERVICES) {
            Map<String, Object> environment = (Map<String, Object>) service(services(SCALE_OUT), name).get("environment");
            assertThat(documented).as(name).containsAll(environment.keySet());
        }
        Matcher variable = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)").matcher(Files.readString(ROOT.resolve(SCALE_OUT)));
        Set<String> variables = new HashSet<>();
        while (variable.find()) {
            variables.add(variable.group(1));
        }
        assertThat(variables).contains("DB_PASSWORD", "PARCELER_APP_REPLICAS");
        assertThat(documented).as("variables the compose file reads from .env").containsAll(variables);
    }

    @Test
    @SuppressWarnings("unchecked")
    void dockerComposeReadsTheScaleOutFileWithTwoAppsAndLoopbackOnly(@TempDir Path server) throws Exception {
        // As on a server: the file and a .env made from .env.example side by side.
        Files.copy(ROOT.resolve(SCALE_OUT), server.resolve("docker-compose.postgres.yml"));
        Files.writeString(server.resolve(".env"), Files.readString(ROOT.resolve(".env.example"))
                + "\nDB_PASSWORD=compose-check\nAWS_BUCKET=parceler\n");

        Compose config = compose(server, "config");

        assertThat(config.exitCode()).as(config.output()).isZero();
        Map<String, Object> services = (Map<String, Object>) ((Map<String, Object>) new Yaml().load(config.output())).get("services");
        assertThat(((Map<String, Object>) service(services, "app").get("deploy")).get("replicas")).isEqualTo(2);
        List<Map<String, Object>> ports = (List<Map<String, Object>>) service(services, "nginx").get("ports");
        assertThat(ports).singleElement().satisfies(port -> {
            assertThat(port).containsEntry("host_ip", "127.0.0.1").containsEntry("target", 80).containsEntry("published", "8080");
        });
        assertThat((Map<String, Object>) service(services, "app").get("environment")).containsEntry("DB_CONNECTION", "pgsql")
                .containsEntry("DB_DATABASE", "parceler").containsEntry("FILESYSTEM_DISK", "s3").containsEntry("AWS_BUCKET", "parceler");
    }

    @Test
    void dockerComposeRefusesTheScaleOutFileWithoutADatabasePassword(@TempDir Path server) throws Exception {
        Files.copy(ROOT.resolve(SCALE_OUT), server.resolve("docker-compose.postgres.yml"));
        Files.writeString(server.resolve(".env"), Files.readString(ROOT.resolve(".env.example")) + "\nAWS_BUCKET=parceler\n");

        Compose withoutPassword = compose(server, "config", "--quiet");

        assertThat(withoutPassword.exitCode()).isNotZero();
        assertThat(withoutPassword.output()).contains("set DB_PASSWORD in .env");
    }

    @Test
    void dockerComposeRefusesTheScaleOutFileWithoutABucket(@TempDir Path server) throws Exception {
        Files.copy(ROOT.resolve(SCALE_OUT), server.resolve("docker-compose.postgres.yml"));
        Files.writeString(server.resolve(".env"), Files.readString(ROOT.resolve(".env.example")) + "\nDB_PASSWORD=compose-check\n");

        Compose withoutBucket = compose(server, "config", "--quiet");

        assertThat(withoutBucket.exitCode()).isNotZero();
        assertThat(withoutBucket.output()).contains("set AWS_BUCKET in .env");
    }

    private record Compose(int exitCode, String output) {
    }

    /** {@code docker compose -f docker-compose.postgres.yml ARGUMENTS} in {@code folder}; needs no engine. */
    private static Compose compose(Path folder, String... arguments) throws Exception {
        Path docker = ExternalBinary.require("docker");
        if (run(folder, List.of(docker.toString(), "compose", "version")).exitCode() != 0) {
            String message = "'docker compose' (Compose v2) is not installed (see .ci/run for the packages the tests need)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + "; CI must not skip this test");
            }
            Assumptions.abort(message + "; test skipped");
        }
        List<String> command = new ArrayList<>(List.of(docker.toString(), "compose", "-f", "docker-compose.postgres.yml"));
        command.addAll(List.of(arguments));
        return run(folder, command);
    }

    private static Compose run(Path folder, List<String> command) throws Exception {
        Path output = Files.createTempFile("compose-", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            // The variables of this machine must not fill in the file's ${...}: only the .env beside it.
            builder.environment().keySet().removeIf(name -> name.startsWith("PARCELER_") || name.startsWith("DB_")
                    || name.startsWith("COMPOSE_"));
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                Assertions.fail(String.join(" ", command) + " did not finish within 60 s");
            }
            return new Compose(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static Set<String> documented(String file) throws Exception {
        Set<String> names = new HashSet<>();
        Matcher assignment = Pattern.compile("(?m)^(?:# )?([A-Z][A-Z0-9_]+)=").matcher(Files.readString(ROOT.resolve(file)));
        while (assignment.find()) {
            names.add(assignment.group(1));
        }
        return names;
    }

    /** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to dashes. */
    private static String anchor(String heading) {
        return heading.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\w\\- ]", "").replace(' ', '-');
    }

    /** The README and the pages of docs/ link only to files and headings that exist, and cite nothing outside the project. */
    @Test
    void everyLinkOfTheDocumentationLeadsSomewhere() throws IOException {
        List<Path> pages = new java.util.ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("ARCHITECTURE.md")));
        try (java.util.stream.Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        assertThat(pages).hasSizeGreaterThan(5);
        List<String> broken = new java.util.ArrayList<>();
        java.util.regex.Pattern link = java.util.regex.Pattern.compile("\\]\\(([^)\\s]+)\\)");
        for (Path page : pages) {
            String text = Files.readString(page);
            assertThat(text).as(page + " cites nothing outside the project").doesNotContain("../shared/").doesNotContainPattern("SPEC\\b");
            java.util.regex.Matcher found = link.matcher(text);
            while (found.find()) {
                String target = found.group(1);
                if (target.matches("(?i)(https?|mailto):.*")) {
                    continue;
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                Path linked = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(linked)) {
                    broken.add(page.getFileName() + ": " + target + " (no such file)");
                    continue;
                }
                if (target.contains("#")) {
                    String wanted = target.substring(target.indexOf('#') + 1);
                    boolean there = Files.readString(linked).lines().filter(line -> line.matches("#{1,6} .*"))
                            .map(line -> anchor(line.replaceFirst("#{1,6} ", ""))).anyMatch(wanted::equals);
                    if (!there) {
                        broken.add(page.getFileName() + ": " + target + " (no such heading)");
                    }
                }
            }
        }
        assertThat(broken).isEmpty();
    }
}
