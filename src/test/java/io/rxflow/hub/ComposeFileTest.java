package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/compose.yaml can start the production profile: the hub gets every variable the profile
 * requires (no Docker engine here, so the file is checked as data; docker/README.md says how to run it).
 */
class ComposeFileTest {
    /** {@code ${VAR}} without a default in the production overlay: the hub refuses to start without it. */
    private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z0-9_]+)}");
    /** A credential of the shipped directory whose default is the demo one: production needs it set. */
    private static final Pattern DEMO_CREDENTIAL = Pattern.compile("\\$\\{([A-Z0-9_]+):simulator-");

    /** Required by code rather than by a placeholder (OpsSecurityConfig: at least one console user). */
    private static final Set<String> REQUIRED_BY_CODE = Set.of("RXFLOW_OPS_ADMIN_PASSWORD");

    @Test
    void givesTheHubEveryVariableTheProductionProfileRequires() throws IOException {
        Map<String, Object> hub = service("hub");
        @SuppressWarnings("unchecked")
        Map<String, Object> env = (Map<String, Object>) hub.get("environment");
        assertThat(env).containsEntry("SPRING_PROFILES_ACTIVE", "production");
        Set<String> required = new TreeSet<>(REQUIRED_BY_CODE);
        Matcher m = REQUIRED.matcher(Files.readString(Path.of("config/application-production.yaml")));
        while (m.find()) {
            required.add(m.group(1));
        }
        // The shipped directory's pharmacies fall back to demo credentials, which production refuses.
        Matcher demo = DEMO_CREDENTIAL.matcher(Files.readString(Path.of("config/pharmacies.yaml")));
        while (demo.find()) {
            required.add(demo.group(1));
        }
        assertThat(required)
                .contains(
                        "RXFLOW_DB_URL",
                        "RXFLOW_KAFKA_BROKERS",
                        "RXFLOW_PHARMACIES",
                        "RXFLOW_PHARMACY_1234563_CREDENTIAL");
        for (String name : required) {
            assertThat(env).as("compose sets %s for the hub", name).containsKey(name);
            assertThat(String.valueOf(env.get(name))).as(name).isNotBlank();
        }
    }

    @Test
    void pointsTheHubAtTheComposedDatabaseAndBroker() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> env = (Map<String, Object>) service("hub").get("environment");
        assertThat(env.get("RXFLOW_DB_URL")).isEqualTo("jdbc:postgresql://postgres:5432/rxflow");
        assertThat(env.get("RXFLOW_KAFKA_BROKERS")).isEqualTo("kafka:9092");
        assertThat(service("kafka").get("image").toString()).startsWith("apache/kafka:");
        assertThat(service("postgres")).isNotNull();
        assertThat(service("prometheus")).isNotNull();
        assertThat(service("grafana")).isNotNull();
    }

    @Test
    void mountsFilesThatExist() throws IOException {
        for (String name : Set.of("prometheus", "grafana")) {
            @SuppressWarnings("unchecked")
            var volumes = (java.util.List<String>) service(name).get("volumes");
            for (String v : volumes) {
                Path source = Path.of("docker").resolve(v.split(":")[0]).normalize();
                assertThat(source).as("%s mounts %s", name, v).exists();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker/compose.yaml")));
        return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
    }
}
