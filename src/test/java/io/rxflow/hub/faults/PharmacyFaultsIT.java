package io.rxflow.hub.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxflow.hub.faults.FaultyPharmacy.Fault;
import io.rxflow.hub.faults.PrescriptionLoad.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Pharmacy faults against the hub as a process of its own, the demo directory pointed at a pharmacy
 * that misbehaves on purpose ({@link FaultyPharmacy}): slow beyond the read timeout, flapping,
 * garbage, two answers in one, a SCRIPT Error inside a 200, the connection closed mid-answer, down
 * until the dead letter. Each ends as docs/delivery.md says, and nothing reaches a pharmacy twice
 * except the same MessageID sent again.
 */
@Tag("fault")
@Tag("long")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PharmacyFaultsIT {
    private final Path dir =
            Path.of("target/faults/pharmacy-faults-" + ProcessHandle.current().pid());
    private final Started started = new Started();
    private final Map<String, String> figures = new ConcurrentHashMap<>();
    private String db;
    private FaultyPharmacy pharmacy;
    private KafkaCluster kafka;
    private HubProcess hub;
    private JdbcTemplate jdbc;

    @BeforeAll
    void startHub() {
        db = started.freshDatabase("fault_pharmacy");
        jdbc = FaultSupport.jdbc(db);
        pharmacy = keep(new FaultyPharmacy());
        kafka = keep(new KafkaCluster(dir.resolve("kafka"), 1).start());
        // The default redelivery (10 attempts, doubling from 500 ms) with the longest wait cut to 5 s,
        // so that the dead letter of a pharmacy that stays down comes within a minute.
        hub = keep(new HubProcess(
                "hub",
                dir,
                FaultSupport.serverUrl() + db,
                kafka.bootstrapServers(),
                pharmacy.baseUrl(),
                List.of("--rxflow.dispatch.max-redelivery-delay-ms=5000")));
        hub.start();
    }

    @AfterAll
    void stopEverything() {
        Properties p = new Properties();
        p.putAll(figures);
        FaultSupport.report("pharmacy-faults", p);
        started.close();
    }

    @Test
    void slowBeyondTheReadTimeoutIsRetriedWithTheSameMessageIdAndDeliveredOnce() {
        Map<String, String> sent = send("SLOW", 4, "1234563", Fault.SLOW_FIRST);
        awaitStatus(sent.keySet(), "delivered");
        assertOneEvent(sent.keySet(), "Dispatched");
        assertThat(sent.values())
                .allSatisfy(m -> assertThat(pharmacy.arrivals(m)).isGreaterThanOrEqualTo(2));
        figures.put("slow_same_message_id_resends", String.valueOf(resends(sent)));
    }

    @Test
    void flappingPharmacyGetsEverythingOnceThroughRedelivery() {
        Map<String, String> sent = send("FLAP", 12, "2345671", Fault.FLAPPING);
        awaitStatus(sent.keySet(), "delivered");
        assertOneEvent(sent.keySet(), "Dispatched");
        figures.put("flapping_same_message_id_resends", String.valueOf(resends(sent)));
    }

    @Test
    void garbageAnswerIsParkedAtOnceWithoutRetry() {
        Map<String, String> sent = send("GARBAGE", 3, "3456786", Fault.GARBAGE);
        awaitStatus(sent.keySet(), "dispatch_failed");
        assertOneEvent(sent.keySet(), "DispatchFailed");
        assertNoEvent(sent.keySet(), "Dispatched");
        assertThat(sent.values())
                .allSatisfy(m -> assertThat(pharmacy.arrivals(m)).isEqualTo(1));
        assertThat(deadLetters()).containsAll(sent.values());
    }

    @Test
    void twoAnswersInOneBodyAreNotTakenForSuccess() {
        Map<String, String> sent = send("TWICE", 3, "1234563", Fault.TWICE);
        awaitStatus(sent.keySet(), "dispatch_failed");
        assertOneEvent(sent.keySet(), "DispatchFailed");
        assertNoEvent(sent.keySet(), "Dispatched");
        assertThat(sent.values())
                .allSatisfy(m -> assertThat(pharmacy.arrivals(m)).isEqualTo(1));
    }

    @Test
    void scriptErrorInsideA200IsARejectionNotRetried() {
        Map<String, String> sent = send("ERROR", 3, "2345671", Fault.ERROR_INSIDE);
        awaitStatus(sent.keySet(), "rejected_by_pharmacy");
        assertOneEvent(sent.keySet(), "DispatchRejected");
        assertNoEvent(sent.keySet(), "Dispatched");
        assertThat(sent.values())
                .allSatisfy(m -> assertThat(pharmacy.arrivals(m)).isEqualTo(1));
    }

    @Test
    void connectionClosedMidAnswerIsRetriedWithTheSameMessageIdAndDeliveredOnce() {
        Map<String, String> sent = send("CUT", 4, "3456786", Fault.CUT_FIRST);
        awaitStatus(sent.keySet(), "delivered");
        assertOneEvent(sent.keySet(), "Dispatched");
        assertThat(sent.values())
                .allSatisfy(m -> assertThat(pharmacy.arrivals(m)).isGreaterThanOrEqualTo(2));
        figures.put("cut_same_message_id_resends", String.valueOf(resends(sent)));
    }

    @Test
    void pharmacyDownPastTheLastRedeliveryIsDeadLettered() {
        long t0 = System.nanoTime();
        Map<String, String> sent = send("DOWN", 2, "1234563", Fault.DOWN);
        awaitStatus(sent.keySet(), "dispatch_failed");
        figures.put("down_to_dead_letter_ms", String.valueOf((System.nanoTime() - t0) / 1_000_000));
        assertOneEvent(sent.keySet(), "DispatchFailed");
        assertNoEvent(sent.keySet(), "Dispatched");
        assertThat(deadLetters()).containsAll(sent.values());
        pharmacy.fault("1234563", Fault.NONE);
    }

    /** Sends {@code n} prescriptions to {@code ncpdpId} set to {@code fault}; prescription id to MessageID. */
    private Map<String, String> send(String run, int n, String ncpdpId, Fault fault) {
        pharmacy.fault(ncpdpId, fault);
        var load = new PrescriptionLoad(run + "-" + System.nanoTime(), n);
        Map<String, String> sent = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Outcome o = load.send(hub.client(), i, load.envelope(i, ncpdpId));
            assertThat(o.status()).as(o.body()).isEqualTo(201);
            sent.put(
                    o.id(),
                    jdbc.queryForObject(
                            "SELECT newrx_message_id FROM prescription WHERE id = ?::uuid", String.class, o.id()));
        }
        return sent;
    }

    private void awaitStatus(Set<String> ids, String status) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        List<String> statuses = List.of();
        while (System.nanoTime() < deadline) {
            statuses = ids.stream()
                    .map(id ->
                            jdbc.queryForObject("SELECT status FROM prescription WHERE id = ?::uuid", String.class, id))
                    .toList();
            if (statuses.stream().allMatch(status::equals)) {
                return;
            }
            FaultSupport.pause(Duration.ofMillis(250));
        }
        throw new AssertionError("expected all " + status + ", got " + statuses + "\n"
                + hub.process().tail(40));
    }

    private void assertOneEvent(Set<String> ids, String type) {
        for (String id : ids) {
            assertThat(eventCount(id, type)).as(type + " of " + id).isEqualTo(1);
        }
    }

    private void assertNoEvent(Set<String> ids, String type) {
        for (String id : ids) {
            assertThat(eventCount(id, type)).as(type + " of " + id).isZero();
        }
    }

    private int eventCount(String id, String type) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM prescription_event WHERE prescription_id = ?::uuid AND event_type = ?",
                Integer.class,
                id,
                type);
    }

    private int resends(Map<String, String> sent) {
        return sent.values().stream().mapToInt(m -> pharmacy.arrivals(m) - 1).sum();
    }

    /** The MessageIDs parked on {@code dead.letter} so far. */
    private List<String> deadLetters() {
        var config = Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "fault-test-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
        List<String> ids = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("dead.letter"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    var header = record.headers().lastHeader("rxflow-message-id");
                    if (header != null) {
                        ids.add(new String(header.value(), java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
                if (!ids.isEmpty()
                        && consumer.assignment().stream()
                                .allMatch(tp -> consumer.position(tp)
                                        >= consumer.endOffsets(List.of(tp)).get(tp))) {
                    break;
                }
            }
        }
        return ids;
    }

    private <T extends AutoCloseable> T keep(T resource) {
        return started.keep(resource);
    }
}
