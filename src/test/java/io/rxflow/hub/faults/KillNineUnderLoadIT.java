package io.rxflow.hub.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxflow.hub.faults.PrescriptionLoad.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * kill -9 under load: the hub in a JVM of its own ({@code java -jar}) over the local PostgreSQL, a
 * Kafka broker process and the pharmacy simulator process; prescriptions stream in from a bounded
 * client loop, the hub gets SIGKILL mid-stream and is started again. Every prescription that got a
 * 201 is delivered exactly once; what got no answer is sent again by the client and is then
 * delivered once too (a 200 shows it had been committed before the kill); no prescription reaches a
 * pharmacy under two MessageIDs. Same-MessageID re-sends (allowed by SCRIPT) are counted.
 */
@Tag("fault")
class KillNineUnderLoadIT {
    private final Path dir =
            Path.of("target/faults/kill-nine-" + ProcessHandle.current().pid());
    private final Started started = new Started();
    private String db;

    @AfterEach
    void stopEverything() {
        started.close();
    }

    @Test
    void deliversEveryAcknowledgedPrescriptionExactlyOnceAfterKillNineMidStream() {
        scenario("kill-nine-under-load", 1, 400, 120);
    }

    @Test
    @Tag("long")
    void survivesThreeKillNinesInASoakExactlyOnce() {
        scenario("kill-nine-soak", 3, 1500, 400);
    }

    private void scenario(String name, int kills, int max, int killEvery) {
        db = started.freshDatabase("fault_kill");
        // A folder per scenario: the broker's data of the first would refuse the second's cluster id.
        Path run = dir.resolve(name);
        var sim = keep(new SimulatorProcess(run).start());
        var kafka = keep(new KafkaCluster(run.resolve("kafka"), 1).start());
        var hub = keep(new HubProcess(
                "hub", run, FaultSupport.serverUrl() + db, kafka.bootstrapServers(), sim.baseUrl(), List.of()));
        hub.start();

        var load = keep(new PrescriptionLoad("KILL-" + System.nanoTime(), max)).start(4, hub::client);
        Properties figures = new Properties();
        long restartMillis = 0;
        for (int k = 1; k <= kills; k++) {
            load.awaitAcknowledged(k * killEvery, Duration.ofMinutes(5));
            hub.kill();
            load.pause();
            long t0 = System.nanoTime();
            hub.start();
            load.resume();
            restartMillis = Math.max(restartMillis, (System.nanoTime() - t0) / 1_000_000);
        }
        load.awaitEnd(Duration.ofMinutes(10));
        List<Outcome> outcomes = load.outcomes();

        // The client's retry: everything without a 201 is sent again, unchanged.
        Map<Integer, Outcome> resent = new HashMap<>();
        for (Outcome o : outcomes) {
            if (!o.acknowledged()) {
                Outcome again = load.send(hub.client(), o.index(), o.envelope());
                assertThat(again.status()).as(again.body()).isIn(200, 201);
                resent.put(o.index(), again);
            }
        }
        Set<String> expected = new HashSet<>();
        outcomes.stream().filter(Outcome::acknowledged).forEach(o -> expected.add(o.id()));
        resent.values().forEach(o -> expected.add(o.id()));
        assertThat(expected).as("one prescription per order").hasSize(outcomes.size());

        JdbcTemplate jdbc = FaultSupport.jdbc(db);
        long drainStart = System.nanoTime();
        awaitDelivered(jdbc, expected.size(), Duration.ofMinutes(4), hub);
        long drainMillis = (System.nanoTime() - drainStart) / 1_000_000;

        assertThat(new HashSet<>(jdbc.queryForList("SELECT id::text FROM prescription", String.class)))
                .as("nothing stored that the client was not told about after its retries")
                .isEqualTo(expected);
        assertThat(jdbc.queryForList(
                        "SELECT count(*) FROM prescription_event WHERE event_type = 'Dispatched'"
                                + " GROUP BY prescription_id HAVING count(*) <> 1",
                        Long.class))
                .as("prescriptions with other than one Dispatched event")
                .isEmpty();
        assertThat(jdbc.queryForList(
                        "SELECT count(*) FROM prescription_event WHERE event_type = 'NewRxPrepared'"
                                + " GROUP BY prescription_id HAVING count(*) <> 1",
                        Long.class))
                .as("prescriptions with other than one NewRx MessageID")
                .isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE published_at IS NULL", Long.class))
                .isZero();

        List<String> sent = jdbc.queryForList("SELECT newrx_message_id FROM prescription", String.class);
        List<String> received = new ArrayList<>();
        int sameIdResends = 0;
        for (String p : PrescriptionLoad.PHARMACIES) {
            var r = sim.received(p);
            received.addAll(r.messageIds());
            sameIdResends += r.duplicates();
        }
        assertThat(received)
                .as("each prescription reached its pharmacy under its one MessageID, and nothing else arrived")
                .containsExactlyInAnyOrderElementsOf(sent);

        long noAnswer = outcomes.stream().filter(o -> o.status() == -1).count();
        long otherStatus = outcomes.stream()
                .filter(o -> o.status() != -1 && !o.acknowledged())
                .count();
        figures.put("kills", String.valueOf(kills));
        figures.put("requests", String.valueOf(outcomes.size()));
        figures.put("acknowledged_first_try", String.valueOf(outcomes.size() - resent.size()));
        figures.put("no_answer", String.valueOf(noAnswer));
        figures.put("error_status", String.valueOf(otherStatus));
        figures.put(
                "error_statuses",
                outcomes.stream()
                        .filter(o -> !o.acknowledged())
                        .map(o -> String.valueOf(o.status()))
                        .distinct()
                        .sorted()
                        .toList()
                        .toString());
        figures.put(
                "resent_answered_200_committed_before_kill",
                String.valueOf(
                        resent.values().stream().filter(o -> o.status() == 200).count()));
        figures.put(
                "resent_answered_201",
                String.valueOf(
                        resent.values().stream().filter(o -> o.status() == 201).count()));
        figures.put("delivered_exactly_once", String.valueOf(expected.size()));
        figures.put("same_message_id_resends_at_pharmacy", String.valueOf(sameIdResends));
        figures.put("restart_to_ready_ms_max", String.valueOf(restartMillis));
        figures.put("drain_after_retries_ms", String.valueOf(drainMillis));
        FaultSupport.report(name, figures);
    }

    static void awaitDelivered(JdbcTemplate jdbc, int count, Duration timeout, HubProcess... hubs) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = jdbc.queryForObject(
                    "SELECT coalesce(string_agg(status || '=' || n, ','), '') FROM"
                            + " (SELECT status, count(*) n FROM prescription GROUP BY 1 ORDER BY 1) s",
                    String.class);
            if (last.equals("delivered=" + count)) {
                return;
            }
            FaultSupport.pause(Duration.ofMillis(250));
        }
        StringBuilder logs = new StringBuilder();
        for (HubProcess hub : hubs) {
            logs.append('\n').append(hub.process().tail(40));
        }
        throw new AssertionError("not all " + count + " delivered in " + timeout + ": " + last + logs);
    }

    private <T extends AutoCloseable> T keep(T resource) {
        return started.keep(resource);
    }
}
