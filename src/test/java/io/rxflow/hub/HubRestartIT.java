package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rxflow.hub.config.EmbeddedKafkaBroker;
import io.rxflow.hub.simulator.PharmacySimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The whole hub stopped mid-flow and a new one started on the same database and broker: every
 * acknowledged prescription is delivered, and no NewRx reaches a pharmacy twice across the restart;
 * the dispatch consumers commit what they delivered, so the next restart resumes where they are.
 */
class HubRestartIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Its own database, per test JVM: two suites running at once on one machine must not share it. */
    private static final String DB =
            "rxflow_restart_it_" + ProcessHandle.current().pid();

    private static final List<String> PHARMACIES = List.of("1234563", "2345671", "3456786");

    @Test
    void deliversEveryAcknowledgedPrescriptionOnceWhenTheHubIsRestartedMidFlow() throws Exception {
        recreateDatabase();
        Path dir = Files.createTempDirectory("rxflow-restart-it");
        try (var broker = new EmbeddedKafkaBroker(dir.resolve("kafka"), 0)) {
            String servers = broker.start();
            List<String> ids = new ArrayList<>();
            Set<String> receivedBefore = new HashSet<>();

            ConfigurableApplicationContext first = start(servers, dir);
            PharmacySimulator firstSimulator = first.getBean(PharmacySimulator.class);
            ids.addAll(submit(first, "RESTART-A", 60));
            first.close(); // mid-flow: most of these are still in the outbox or on the topic
            for (String p : PHARMACIES) {
                var r = firstSimulator.pharmacy(p).received();
                assertThat(r.duplicates()).isZero();
                receivedBefore.addAll(r.messageIds());
            }

            ConfigurableApplicationContext second = start(servers, dir);
            try {
                ids.addAll(submit(second, "RESTART-B", 30));
                JdbcTemplate jdbc = new JdbcTemplate(second.getBean(javax.sql.DataSource.class));
                await().atMost(Duration.ofSeconds(180))
                        .pollInterval(Duration.ofMillis(250))
                        .untilAsserted(
                                () -> assertThat(jdbc.queryForList("SELECT status FROM prescription", String.class))
                                        .hasSize(ids.size())
                                        .containsOnly("delivered"));
                // Each pharmacy's consumer group has committed everything it delivered, while running:
                // a hub restarted now resumes after it instead of reading the topic from its start.
                var kafka = new KafkaTopics(servers);
                for (String p : PHARMACIES) {
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                                    kafka.uncommitted("rx-dispatch-" + p, "ncpdp.outbound." + p))
                            .as("records of ncpdp.outbound.%s not committed by rx-dispatch-%s", p, p)
                            .isZero());
                }
                Set<String> receivedAfter = new HashSet<>();
                PharmacySimulator secondSimulator = second.getBean(PharmacySimulator.class);
                for (String p : PHARMACIES) {
                    var r = secondSimulator.pharmacy(p).received();
                    assertThat(r.duplicates()).isZero();
                    receivedAfter.addAll(r.messageIds());
                }
                // Whether any NewRx reached a pharmacy before the first hub closed depends on timing
                // (often none has: they are all still in the outbox or on the topic); none may arrive twice.
                assertThat(receivedAfter).as("sent again after the restart").noneMatch(receivedBefore::contains);
                List<String> sent = jdbc.queryForList("SELECT newrx_message_id FROM prescription", String.class);
                Set<String> received = new HashSet<>(receivedBefore);
                received.addAll(receivedAfter);
                assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
                assertThat(jdbc.queryForObject(
                                "SELECT count(*) FROM prescription_event WHERE event_type = 'Dispatched'",
                                Integer.class))
                        .isEqualTo(ids.size());
            } finally {
                second.close();
            }
        }
    }

    private static ConfigurableApplicationContext start(String brokers, Path dir) {
        // Command-line arguments: they win over application.yaml, as an operator's settings would.
        return new SpringApplicationBuilder(RxFlowHubApplication.class)
                .run(
                        "--server.port=0",
                        "--rxflow.data-dir=" + dir,
                        "--rxflow.db.url=jdbc:postgresql://127.0.0.1:5432/" + DB,
                        "--rxflow.db.user=postgres",
                        "--rxflow.kafka.brokers=" + brokers,
                        "--rxflow.api.keys=restart-key",
                        "--rxflow.idempotency.secret=restart-secret",
                        "--rxflow.simulator.enabled=true");
    }

    private static List<String> submit(ConfigurableApplicationContext hub, String run, int count) throws Exception {
        String port = hub.getEnvironment().getProperty("local.server.port");
        var client = new HubClient("http://127.0.0.1:" + port, "restart-key");
        List<Fixtures.Fixture> fixtures = Fixtures.all("valid");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var root =
                    (ObjectNode) JSON.readTree(fixtures.get(i % fixtures.size()).envelope());
            ((ObjectNode) root.at("/medication_request/identifier/0")).put("value", run + "-" + i);
            for (var id : root.at("/pharmacy/identifier")) {
                if (id.get("system").asText().endsWith("NCPDPProviderIdentificationNumber")) {
                    ((ObjectNode) id).put("value", PHARMACIES.get(i % PHARMACIES.size()));
                }
            }
            var response = client.post("/api/v1/prescriptions", "application/json", JSON.writeValueAsString(root));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            ids.add(JSON.readTree(response.body()).get("id").asText());
        }
        return ids;
    }

    private static void recreateDatabase() {
        admin().execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
        admin().execute("CREATE DATABASE " + DB);
    }

    @AfterAll
    static void dropDatabase() {
        admin().execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
    }

    private static JdbcTemplate admin() {
        return new JdbcTemplate(
                new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", ""));
    }
}
