package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.dispatch.DispatchRecorder;
import io.rxflow.hub.dispatch.OutcomeBatchWriter;
import io.rxflow.hub.eventstore.DispatchOutcome;
import io.rxflow.hub.eventstore.EventTypes;
import io.rxflow.hub.eventstore.PrescriptionStatus;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The group commit of delivery outcomes against the real PostgreSQL: a batch is one transaction with
 * multi-row statements (several outcomes of one prescription, a duplicate, a prescription missing from
 * the database), a batch with a failing row stores the rest, and a delivery whose recording transaction
 * dies before its commit is recorded once, with the pharmacy never seeing a second MessageID.
 */
@DirtiesContext
class DispatchRecorderIT extends HubIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PHARMACY = "1234563";
    private static final String REPLIES = "rx-pharmacy-replies";

    @Autowired
    private DataSource dataSource;

    @Autowired
    private PlatformTransactionManager transactions;

    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final List<Integer> batches = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void recordsTheOutcomesOfABatchInOneTransaction() throws Exception {
        String a = delivered("ORD-REC-BATCH-A");
        String b = delivered("ORD-REC-BATCH-B");
        String missing = UUID.randomUUID().toString();
        try (DispatchRecorder recorder = recorder()) {
            List<CompletableFuture<Boolean>> results = record(
                    recorder,
                    reply(a, "REPLY-A-1", "000"),
                    reply(a, "REPLY-A-2", "010"),
                    reply(b, "REPLY-B-1", "000"),
                    reply(b, "REPLY-B-1", "000"),
                    reply(missing, "REPLY-GONE-1", "000"));

            assertThat(results.stream().map(CompletableFuture::join))
                    .containsExactlyInAnyOrder(true, true, true, null, true);
        }
        assertThat(batches).as("one transaction for the five").containsExactly(5);
        assertThat(events(a)).containsExactly("4:Dispatched", "5:PharmacyReplied", "6:PharmacyReplied");
        assertThat(events(b)).as("the duplicate wrote nothing").containsExactly("4:Dispatched", "5:PharmacyReplied");
        assertThat(version(a)).isEqualTo(6);
        assertThat(version(b)).isEqualTo(5);
        assertThat(processed("REPLY-GONE-1"))
                .as("a prescription missing from the database: recorded as processed, no event")
                .isEqualTo(1);
        assertThat(events(missing)).isEmpty();
    }

    @Test
    void storesTheRestOfABatchWhenOneOutcomeFails() throws Exception {
        String a = delivered("ORD-REC-FAIL-A");
        String b = delivered("ORD-REC-FAIL-B");
        // A defect upstream: an event payload that is not JSON fails its row (jsonb) and so its batch.
        var broken = new DispatchOutcome(
                b,
                REPLIES,
                "REPLY-BROKEN-1",
                PrescriptionStatus.DELIVERED,
                EventTypes.PHARMACY_REPLIED,
                "{\"kind\":\"STATUS\",\"code\":");
        try (DispatchRecorder recorder = recorder()) {
            List<CompletableFuture<Boolean>> results =
                    record(recorder, reply(a, "REPLY-OK-1", "000"), broken, reply(b, "REPLY-OK-2", "000"));

            assertThat(results.get(0).join()).isTrue();
            assertThat(results.get(2).join()).isTrue();
            assertThat(results.get(1))
                    .failsWithin(Duration.ofSeconds(30))
                    .withThrowableThat()
                    .withMessageContaining("jsonb");
        }
        assertThat(batches.get(0)).as("the three were one batch first").isEqualTo(3);
        assertThat(events(a)).containsExactly("4:Dispatched", "5:PharmacyReplied");
        assertThat(events(b)).containsExactly("4:Dispatched", "5:PharmacyReplied");
        assertThat(processed("REPLY-OK-1") + processed("REPLY-OK-2")).isEqualTo(2);
        assertThat(processed("REPLY-BROKEN-1"))
                .as("the failed one left no trace")
                .isZero();
    }

    @Test
    void recordsADeliveryWhoseTransactionDiedBeforeItsCommitOnceWithTheSameMessageId() throws Exception {
        String id;
        String messageId;
        try (Connection lock = lock("processed_message")) {
            id = accepted("ORD-REC-CRASH");
            messageId = jdbc.queryForObject(
                    "SELECT newrx_message_id FROM prescription WHERE id = CAST(? AS uuid)", String.class, id);
            // Sent to the pharmacy; its outcome's transaction waits at its first statement.
            int writer = awaitRecorderOnTheLock();
            assertThat(receivedAtThePharmacy()).contains(messageId);
            terminate(writer);
            // The connection died before the commit: nothing of the outcome is stored, and the
            // delivery fails and is tried again (the outcome waits on the lock again).
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                Integer again = onTheLock();
                return again != null && again != writer;
            });
            assertThat(processed(messageId)).isZero();
            assertThat(status(id)).isEqualTo(PrescriptionStatus.PREPARED);
            lock.rollback();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> PrescriptionStatus.DELIVERED.equals(status(id)));
        assertThat(events(id)).filteredOn(e -> e.endsWith(":Dispatched")).hasSize(1);
        assertThat(processed(messageId)).isEqualTo(1);
        Set<String> known = new HashSet<>(jdbc.queryForList("SELECT newrx_message_id FROM prescription", String.class));
        assertThat(receivedAtThePharmacy())
                .as("the pharmacy saw this NewRx's MessageID, and no MessageID the hub did not make")
                .contains(messageId)
                .allMatch(known::contains);
    }

    private DispatchRecorder recorder() {
        return new DispatchRecorder(
                new OutcomeBatchWriter(dataSource, transactions),
                new DispatchRecorder.Settings(10, Duration.ofSeconds(2), 100, Duration.ofSeconds(60)),
                batches::add);
    }

    /** Hands the outcomes to the recorder at once, from threads of their own, in order. */
    private List<CompletableFuture<Boolean>> record(DispatchRecorder recorder, DispatchOutcome... outcomes) {
        List<CompletableFuture<Boolean>> results = new ArrayList<>();
        for (DispatchOutcome o : outcomes) {
            results.add(CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return recorder.record(o);
                        } catch (InterruptedException e) {
                            throw new CompletionException(e);
                        }
                    },
                    pool));
        }
        return results;
    }

    /** A pharmacy's SCRIPT Status (000) or Verify-like (010) answer, as the replies flow records it. */
    private static DispatchOutcome reply(String prescriptionId, String replyMessageId, String code) {
        return new DispatchOutcome(
                prescriptionId,
                REPLIES,
                replyMessageId,
                PrescriptionStatus.DELIVERED,
                EventTypes.PHARMACY_REPLIED,
                "{\"kind\":\"STATUS\",\"code\":\"" + code + "\",\"message_id\":\"" + replyMessageId + "\"}");
    }

    private String accepted(String orderNumber) throws Exception {
        String envelope =
                Fixtures.named("valid", "lisinopril-daily-envelope").envelope().replace("ORD-2026-000117", orderNumber);
        var response = hub().post("/api/v1/prescriptions", "application/json", envelope);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asText();
    }

    private String delivered(String orderNumber) throws Exception {
        String id = accepted(orderNumber);
        await().atMost(Duration.ofSeconds(60)).until(() -> PrescriptionStatus.DELIVERED.equals(status(id)));
        return id;
    }

    private String status(String id) {
        return jdbc.queryForObject("SELECT status FROM prescription WHERE id = CAST(? AS uuid)", String.class, id);
    }

    private int version(String id) {
        return jdbc.queryForObject("SELECT version FROM prescription WHERE id = CAST(? AS uuid)", Integer.class, id);
    }

    private List<String> events(String id) {
        return jdbc.queryForList(
                "SELECT version || ':' || event_type FROM prescription_event WHERE prescription_id = CAST(? AS uuid)"
                        + " AND version > 3 ORDER BY version",
                String.class,
                id);
    }

    private int processed(String messageId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM processed_message WHERE message_id = ?", Integer.class, messageId);
    }

    private List<String> receivedAtThePharmacy() throws Exception {
        JsonNode r = JSON.readTree(
                hub().get("/simulator/pharmacies/" + PHARMACY + "/received").body());
        List<String> ids = new ArrayList<>();
        r.get("message_ids").forEach(m -> ids.add(m.asText()));
        return ids;
    }

    /** A transaction holding the table in SHARE mode: inserts into it wait. */
    private Connection lock(String table) throws Exception {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("LOCK TABLE " + table + " IN SHARE MODE");
        }
        return c;
    }

    private int awaitRecorderOnTheLock() {
        await().atMost(Duration.ofSeconds(60)).until(() -> onTheLock() != null);
        return onTheLock();
    }

    private Integer onTheLock() {
        List<Integer> pids = jdbc.queryForList(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO processed_message%'",
                Integer.class);
        return pids.isEmpty() ? null : pids.get(0);
    }

    private void terminate(int pid) {
        jdbc.queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, pid);
    }
}
