package io.rxflow.hub.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxflow.hub.HubClient;
import io.rxflow.hub.faults.PrescriptionLoad.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two hub instances (two {@code java -jar} processes) over one PostgreSQL database and one Kafka
 * broker, the load spread across both, one killed with SIGKILL mid-stream: the survivor takes over
 * the outbox relay ({@code FOR UPDATE SKIP LOCKED}) and the dead one's partitions (consumer-group
 * rebalance); every acknowledged prescription is delivered exactly once and nothing is left behind.
 */
@Tag("fault")
@Tag("long")
class TwoHubsIT {
    private final Path dir =
            Path.of("target/faults/two-hubs-" + ProcessHandle.current().pid());
    private final Started started = new Started();
    private String db;

    @AfterEach
    void stopEverything() {
        started.close();
    }

    @Test
    void survivorTakesOverRelayAndDispatchWhenTheOtherHubIsKilled() {
        db = started.freshDatabase("fault_two_hubs");
        var sim = keep(new SimulatorProcess(dir).start());
        var kafka = keep(new KafkaCluster(dir.resolve("kafka"), 1).start());
        String url = FaultSupport.serverUrl() + db;
        var a = keep(new HubProcess("hub-a", dir, url, kafka.bootstrapServers(), sim.baseUrl(), List.of()));
        var b = keep(new HubProcess("hub-b", dir, url, kafka.bootstrapServers(), sim.baseUrl(), List.of()));
        a.process().start();
        b.start();
        a.awaitReady(Duration.ofMinutes(3));

        // A load balancer: round robin while both are up, only the survivor once one is gone.
        AtomicInteger turn = new AtomicInteger();
        AtomicInteger toA = new AtomicInteger();
        AtomicInteger toB = new AtomicInteger();
        HubClient clientA = a.client();
        HubClient clientB = b.client();
        var load = keep(new PrescriptionLoad("TWO-" + System.nanoTime(), 600)).start(4, () -> {
            if (a.process().isAlive() && turn.getAndIncrement() % 2 == 0) {
                toA.incrementAndGet();
                return clientA;
            }
            toB.incrementAndGet();
            return clientB;
        });
        load.awaitAcknowledged(250, Duration.ofMinutes(5));
        long killedAt = System.nanoTime();
        a.kill();
        load.awaitEnd(Duration.ofMinutes(10));

        List<Outcome> outcomes = load.outcomes();
        Set<String> expected = new HashSet<>();
        int resent = 0;
        for (Outcome o : outcomes) {
            if (o.acknowledged()) {
                expected.add(o.id());
            } else {
                Outcome again = load.send(clientB, o.index(), o.envelope());
                assertThat(again.status()).as(again.body()).isIn(200, 201);
                expected.add(again.id());
                resent++;
            }
        }
        assertThat(expected).hasSize(outcomes.size());

        JdbcTemplate jdbc = FaultSupport.jdbc(db);
        KillNineUnderLoadIT.awaitDelivered(jdbc, expected.size(), Duration.ofMinutes(4), b);
        long allDeliveredMs = (System.nanoTime() - killedAt) / 1_000_000;

        assertThat(new HashSet<>(jdbc.queryForList("SELECT id::text FROM prescription", String.class)))
                .isEqualTo(expected);
        assertThat(jdbc.queryForList(
                        "SELECT count(*) FROM prescription_event WHERE event_type = 'Dispatched'"
                                + " GROUP BY prescription_id HAVING count(*) <> 1",
                        Long.class))
                .isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE published_at IS NULL", Long.class))
                .as("nothing stuck in the outbox")
                .isZero();
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
        figures.put("requests", String.valueOf(outcomes.size()));
        figures.put("requests_to_hub_a", String.valueOf(toA.get()));
        figures.put("requests_to_hub_b", String.valueOf(toB.get()));
        figures.put("resent_after_no_answer", String.valueOf(resent));
        figures.put("delivered_exactly_once", String.valueOf(expected.size()));
        figures.put("same_message_id_resends_at_pharmacy", String.valueOf(sameIdResends));
        figures.put("kill_to_all_delivered_ms", String.valueOf(allDeliveredMs));
        FaultSupport.report("two-hubs-one-killed", figures);
    }

    private <T extends AutoCloseable> T keep(T resource) {
        return started.keep(resource);
    }
}
