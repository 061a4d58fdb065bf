package dev.parceler.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The compose files, image definitions and units are read as Docker and systemd would, and checked. */
class DeploymentFilesTest {
    private static final Path ROOT = Path.of("..");

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

    private static Set<String> documented(String file) throws Exception {
        Set<String> names = new HashSet<>();
        Matcher assignment = Pattern.compile("(?m)^(?:# )?([A-Z][A-Z0-9_]+)=").matcher(Files.readString(ROOT.resolve(file)));
        while (assignment.find()) {
            names.add(assignment.group(1));
        }
        return names;
    }
}
