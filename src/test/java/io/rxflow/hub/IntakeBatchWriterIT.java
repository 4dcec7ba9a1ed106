package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxflow.hub.eventstore.Event;
import io.rxflow.hub.intake.IntakeBatchWriter;
import io.rxflow.hub.intake.IntakeCommand;
import io.rxflow.hub.intake.IntakeResult;
import io.rxflow.hub.intake.IntakeResults;
import io.rxflow.hub.outbox.OutboxRows;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The group-commit transaction against PostgreSQL: multi-row claim, events and outbox; a key taken
 * twice in one batch, or by an earlier batch, answers the first prescription; a failed batch stores
 * nothing.
 */
class IntakeBatchWriterIT extends HubIntegrationTest {
    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    private static final OutboxRows OUTBOX = new OutboxRows("ncpdp.outbound");

    @Autowired
    private DataSource dataSource;

    @Autowired
    private PlatformTransactionManager transactions;

    private IntakeBatchWriter writer;

    @BeforeEach
    void writer() {
        writer = new IntakeBatchWriter(dataSource, transactions, new IntakeResults());
    }

    @Test
    void storesEveryCommandOfABatchWithItsEventsAndOutboxRow() {
        var a = command("batch-a", true);
        var b = command("batch-b", false);

        List<IntakeResult> results = writer.write(List.of(a, b));

        assertThat(results).extracting(IntakeResult::id).containsExactly(a.id(), b.id());
        assertThat(results).allMatch(IntakeResult::created);
        assertThat(count("prescription_event", a.id())).isEqualTo(3);
        assertThat(count("prescription_event", b.id())).isEqualTo(3);
        assertThat(count("outbox", a.id())).isEqualTo(1);
        assertThat(count("outbox", b.id())).isZero();
    }

    @Test
    void answersADuplicateInsideOneBatchWithTheFirstCommandsPrescription() {
        var first = command("batch-dup", true);
        var copy = command("batch-dup", true);
        var other = command("batch-dup-other", true);

        List<IntakeResult> results = writer.write(List.of(first, copy, other));

        assertThat(results.get(0).created()).isTrue();
        assertThat(results.get(1).created()).isFalse();
        assertThat(results.get(1).id()).isEqualTo(first.id());
        assertThat(results.get(2).created()).isTrue();
        assertThat(count("prescription_event", copy.id())).isZero();
        assertThat(count("outbox", copy.id())).isZero();
    }

    @Test
    void answersAKeyClaimedByAnEarlierBatchWithThatPrescription() {
        var first = command("batch-earlier", true);
        writer.write(List.of(first));

        IntakeResult again =
                writer.write(List.of(command("batch-earlier", true))).get(0);

        assertThat(again.created()).isFalse();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.version()).isEqualTo(3);
    }

    @Test
    void storesNothingOfABatchWhoseTransactionFails() {
        var good = command("batch-fails-good", true);
        var bad = new IntakeCommand(
                UUID.randomUUID().toString(),
                "batch-fails-bad",
                false,
                "1234563",
                NOW,
                "it",
                "c",
                "{}",
                "prepared",
                UUID.randomUUID().toString(),
                List.of(new Event(1, "PrescriptionReceived", "not json")),
                null);

        assertThatThrownBy(() -> writer.write(List.of(good, bad))).isNotNull();

        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM prescription WHERE id IN (CAST(? AS uuid), CAST(? AS uuid))",
                        Integer.class,
                        good.id(),
                        bad.id()))
                .isZero();
        assertThat(count("prescription_event", good.id())).isZero();
        assertThat(count("outbox", good.id())).isZero();
    }

    private int count(String table, String id) {
        String column = table.equals("outbox") ? "aggregate_id" : "prescription_id";
        return jdbc.queryForObject(
                "SELECT count(*) FROM " + table + " WHERE " + column + " = CAST(? AS uuid)", Integer.class, id);
    }

    private static IntakeCommand command(String key, boolean routed) {
        String id = UUID.randomUUID().toString();
        String messageId = UUID.randomUUID().toString().replace("-", "");
        return new IntakeCommand(
                id,
                key,
                false,
                "1234563",
                NOW,
                "it",
                "correlation-" + key,
                "{\"resourceType\":\"MedicationRequest\"}",
                routed ? "prepared" : "routing_failed",
                messageId,
                List.of(
                        new Event(1, "PrescriptionReceived", "{}"),
                        new Event(2, "PrescriptionValidated", "{}"),
                        new Event(3, "NewRxPrepared", "{}")),
                routed
                        ? toNobody(OUTBOX.newRx(id, "1234563", messageId, "2023011", "<NewRx/>", NOW, "corr-batch"))
                        : null);
    }

    /** A topic the hub creates and nothing consumes: the relay publishes these rows, no pharmacy gets them. */
    private static Map<String, Object> toNobody(Map<String, Object> outboxRow) {
        Map<String, Object> row = new HashMap<>(outboxRow);
        row.put("topic", "audit.trail");
        return row;
    }
}
