package io.rxflow.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The production profile started for real: the hub's main class in its own JVM, on the main
 * classpath (what the jar holds, without the test classes), from the project folder so that it reads
 * the real {@code config/application-production.yaml} exactly as a production start does. Without a
 * required variable it must exit at once naming it; with all of them a placeholder is no API key.
 */
class ProductionStartIT {
    private static final Path OVERLAY = Path.of("config/application-production.yaml");
    private static final String DB =
            "rxflow_production_it_" + ProcessHandle.current().pid();
    private static final String KEY = "production-it-key";
    private static final String SECRET = "production-it-secret-do-not-print";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void refusesToStartNamingEveryRequiredVariableWhenNoneIsSet() throws Exception {
        Run run = startAndWaitForExit(Map.of());

        assertThat(run.output())
                .contains("APPLICATION FAILED TO START")
                .contains(RequiredSettings.PRODUCTION.values())
                .doesNotContain("Tomcat started");
    }

    @Test
    void refusesToStartWithoutApiKeysAndNeverPrintsTheOtherSecrets() throws Exception {
        Map<String, String> env = allSet("127.0.0.1:1");
        env.remove("RXFLOW_API_KEYS");

        Run run = startAndWaitForExit(env);

        assertThat(run.output()).contains("RXFLOW_API_KEYS").doesNotContain(SECRET);
        assertThat(RequiredSettings.PRODUCTION.values().stream().filter(run.output()::contains))
                .containsExactly("RXFLOW_API_KEYS");
    }

    @Test
    void refusesToStartWithAPlaceholderOrBlankAsKeyOrSecret() throws Exception {
        Map<String, String> env = allSet("127.0.0.1:1");
        env.put("RXFLOW_API_KEYS", "${RXFLOW_API_KEYS}");
        env.put("RXFLOW_IDEMPOTENCY_SECRET", " ");
        env.put("RXFLOW_DB_PASSWORD", "");

        Run run = startAndWaitForExit(env);

        assertThat(RequiredSettings.PRODUCTION.values().stream().filter(run.output()::contains))
                .containsExactlyInAnyOrder("RXFLOW_API_KEYS", "RXFLOW_IDEMPOTENCY_SECRET", "RXFLOW_DB_PASSWORD");
    }

    @Test
    void startsWithEveryVariableSetAndRefusesThePlaceholderTextAsAKey() throws Exception {
        admin().execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
        admin().execute("CREATE DATABASE " + DB);
        try (var broker = new EmbeddedKafkaBroker(dir.resolve("kafka"), 0)) {
            Process hub = start(allSet(broker.start()));
            try {
                int port = awaitPort(hub);
                String base = "http://127.0.0.1:" + port;
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .ignoreExceptions()
                        .until(() ->
                                get(base + "/actuator/health/readiness", null).statusCode() == 200);

                assertThat(get(base + "/api/v1/pharmacies", "${RXFLOW_API_KEYS}")
                                .statusCode())
                        .isEqualTo(401);
                assertThat(get(base + "/api/v1/pharmacies", "").statusCode()).isEqualTo(401);
                assertThat(get(base + "/api/v1/pharmacies", KEY).statusCode()).isEqualTo(200);
            } finally {
                // Not a shutdown test: a graceful stop waits out Camel's 20 s shutdown timeout.
                hub.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(output()).doesNotContain(SECRET).doesNotContain(KEY);
        }
    }

    @AfterAll
    static void dropDatabase() {
        admin().execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
    }

    private Map<String, String> allSet(String brokers) {
        Map<String, String> env = new HashMap<>();
        env.put("RXFLOW_API_KEYS", KEY);
        env.put("RXFLOW_IDEMPOTENCY_SECRET", SECRET);
        env.put("RXFLOW_DB_URL", "jdbc:postgresql://127.0.0.1:5432/" + DB);
        env.put("RXFLOW_DB_USER", "postgres");
        // The local server trusts loopback: any password does, and production requires one.
        env.put("RXFLOW_DB_PASSWORD", "unused-with-trust-auth");
        env.put("RXFLOW_KAFKA_BROKERS", brokers);
        env.put("RXFLOW_PHARMACIES", "file:" + Path.of("config/pharmacies.yaml").toAbsolutePath());
        // The shipped directory's pharmacies fall back to the demo credentials, which production refuses.
        for (String ncpdpId : List.of("1234563", "2345671", "3456786")) {
            env.put("RXFLOW_PHARMACY_" + ncpdpId + "_CREDENTIAL", "production-start-it-" + ncpdpId);
        }
        env.put("RXFLOW_KAFKA_REPLICATION_FACTOR", "1");
        env.put("RXFLOW_OPS_ADMIN_PASSWORD", "production-start-it-admin");
        return env;
    }

    private record Run(int exitCode, String output) {}

    private Run startAndWaitForExit(Map<String, String> env) throws Exception {
        Process hub = start(env);
        if (!hub.waitFor(60, TimeUnit.SECONDS)) {
            hub.destroyForcibly();
            throw new AssertionError("The hub did not exit; it started instead:\n" + output());
        }
        assertThat(hub.exitValue()).as(output()).isNotZero();
        return new Run(hub.exitValue(), output());
    }

    private Process start(Map<String, String> variables) throws IOException {
        assertThat(OVERLAY).as("run from the project folder").exists();
        var builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-Xmx512m",
                        "-cp",
                        mainClasspath(),
                        "io.rxflow.hub.RxFlowHubApplication",
                        "--server.port=0")
                .directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("hub.log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("RXFLOW_") || name.startsWith("SPRING_"));
        env.put("SPRING_PROFILES_ACTIVE", "production");
        env.put("RXFLOW_DATA_DIR", dir.resolve("data").toString());
        env.putAll(variables);
        return builder.start();
    }

    /** The test JVM's classpath without the test classes: the jar's classes and libraries. */
    private static String mainClasspath() {
        String classpath = System.getProperty("java.class.path");
        return Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private int awaitPort(Process hub) {
        Pattern started = Pattern.compile("Tomcat started on port (\\d+)");
        int[] port = new int[1];
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    assertThat(hub.isAlive()).as(output()).isTrue();
                    Matcher m = started.matcher(output());
                    if (m.find()) {
                        port[0] = Integer.parseInt(m.group(1));
                    }
                    return port[0] > 0;
                });
        return port[0];
    }

    private String output() throws IOException {
        Path log = dir.resolve("hub.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static HttpResponse<String> get(String url, String apiKey) throws Exception {
        // A bound, not a timing assertion: the first calls to a fresh JVM on a busy machine are slow.
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JdbcTemplate admin() {
        return new JdbcTemplate(
                new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", ""));
    }
}
