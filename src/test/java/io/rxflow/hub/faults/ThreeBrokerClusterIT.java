package io.rxflow.hub.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxflow.hub.faults.PrescriptionLoad.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A real three-broker KRaft cluster (three {@code kafka.Kafka} processes, replication factor 3,
 * {@code min.insync.replicas} 2) under the hub: one broker killed with SIGKILL mid-load and brought
 * back loses and duplicates nothing; then every broker stopped: intake keeps accepting (the outbox
 * fills and {@code rxflow_outbox_pending} shows it) and delivery resumes by itself when they return.
 */
@Tag("fault")
@Tag("long")
class ThreeBrokerClusterIT {
    private final Path dir =
            Path.of("target/faults/three-brokers-" + ProcessHandle.current().pid());
    private final Started started = new Started();
    private String db;

    @AfterEach
    void stopEverything() {
        started.close();
    }

    @Test
    void losesNothingWhenOneBrokerDiesAndResumesByItselfWhenAllReturn() throws Exception {
        db = started.freshDatabase("fault_three_brokers");
        var sim = keep(new SimulatorProcess(dir).start());
        var kafka = keep(new KafkaCluster(dir.resolve("kafka"), 3).start());
        var hub = keep(new HubProcess(
                "hub",
                dir,
                FaultSupport.serverUrl() + db,
                kafka.bootstrapServers(),
                sim.baseUrl(),
                List.of("--rxflow.kafka.replication-factor=3")));
        hub.start();
        try (var admin = kafka.admin()) {
            TopicDescription outbound = admin.describeTopics(List.of("ncpdp.outbound"))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get("ncpdp.outbound");
            assertThat(outbound.partitions())
                    .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
        }
        JdbcTemplate jdbc = FaultSupport.jdbc(db);
        Set<String> expected = new HashSet<>();

        // One broker killed mid-load, brought back mid-load.
        var load =
                keep(new PrescriptionLoad("BROKER-" + System.nanoTime(), 400)).start(4, hub::client);
        load.awaitAcknowledged(100, Duration.ofMinutes(3));
        kafka.node(1).kill();
        load.awaitAcknowledged(250, Duration.ofMinutes(3));
        kafka.node(1).start();
        load.awaitEnd(Duration.ofMinutes(5));
        kafka.awaitBrokers(3, Duration.ofMinutes(2));
        for (Outcome o : load.outcomes()) {
            assertThat(o.status())
                    .as("intake does not depend on the broker: " + o.body())
                    .isEqualTo(201);
            expected.add(o.id());
        }
        KillNineUnderLoadIT.awaitDelivered(jdbc, expected.size(), Duration.ofMinutes(4), hub);

        // Every broker gone: intake keeps accepting, the outbox fills.
        for (int i = 0; i < 3; i++) {
            kafka.node(i).stop();
        }
        var offline = new PrescriptionLoad("OFFLINE-" + System.nanoTime(), 60);
        for (int i = 0; i < 60; i++) {
            Outcome o = offline.send(hub.client(), i, offline.envelope(i));
            assertThat(o.status()).as(o.body()).isEqualTo(201);
            expected.add(o.id());
        }
        String metrics = hub.client().get("/actuator/prometheus").body();
        double unpublished = gauge(metrics, "rxflow_outbox_pending");
        assertThat(unpublished).as("the outbox lag metric shows what waits").isGreaterThanOrEqualTo(60);
        long t0 = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            kafka.node(i).start();
        }
        kafka.awaitBrokers(3, Duration.ofMinutes(2));
        KillNineUnderLoadIT.awaitDelivered(jdbc, expected.size(), Duration.ofMinutes(5), hub);
        long resumedMs = (System.nanoTime() - t0) / 1_000_000;

        assertThat(jdbc.queryForList(
                        "SELECT count(*) FROM prescription_event WHERE event_type = 'Dispatched'"
                                + " GROUP BY prescription_id HAVING count(*) <> 1",
                        Long.class))
                .isEmpty();
        List<String> received = new ArrayList<>();
        int sameIdResends = 0;
        for (String p : PrescriptionLoad.PHARMACIES) {
            var r = sim.received(p);
            received.addAll(r.messageIds());
            sameIdResends += r.duplicates();
        }
        assertThat(received)
                .containsExactlyInAnyOrderElementsOf(
                        jdbc.queryForList("SELECT newrx_message_id FROM prescription", String.class));

        Properties figures = new Properties();
        figures.put("delivered_exactly_once", String.valueOf(expected.size()));
        figures.put("accepted_with_all_brokers_down", "60");
        figures.put("outbox_unpublished_gauge_while_down", String.valueOf(unpublished));
        figures.put("brokers_back_to_all_delivered_ms", String.valueOf(resumedMs));
        figures.put("same_message_id_resends_at_pharmacy", String.valueOf(sameIdResends));
        FaultSupport.report("three-broker-cluster", figures);
    }

    static double gauge(String prometheus, String name) {
        return prometheus
                .lines()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(Double.NaN);
    }

    private <T extends AutoCloseable> T keep(T resource) {
        return started.keep(resource);
    }
}
