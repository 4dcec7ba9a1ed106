package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.TestPropertySource;

/**
 * The retention pruner through its real route and timer: operational rows older than their retention
 * go, younger ones and every row of the event store stay, and the deletions are counted per table in
 * {@code rxflow_retention_pruned_total}.
 */
@AutoConfigureObservability(tracing = false)
@TestPropertySource(
        properties = {
            "rxflow.retention.interval=1s",
            "rxflow.retention.first-run-delay=1s",
            "rxflow.retention.batch-size=2",
            "rxflow.retention.outbox-published=30d",
            "rxflow.retention.processed-messages=30d",
            "rxflow.retention.rejections=90d",
            "rxflow.retention.pharmacy-messages=90d"
        })
class RetentionIT extends HubIntegrationTest {

    @Test
    void prunesOperationalRowsPastTheirRetentionAndKeepsTheEventStore() {
        UUID prescription = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO prescription (id, idempotency_key, status, is_controlled, pharmacy_ncpdp_id, version,"
                        + " medication_request, created_at, updated_at) VALUES (?, ?, 'delivered', false, '1234563', 1, '{}',"
                        + " now() - interval '10 years', now() - interval '10 years')",
                prescription,
                "retention-it-" + prescription);
        jdbc.update(
                "INSERT INTO prescription_event (prescription_id, version, event_type, occurred_at, actor,"
                        + " correlation_id, payload) VALUES (?, 1, 'PrescriptionReceived', now() - interval '10 years',"
                        + " 'it', 'it', '{}')",
                prescription);
        for (int i = 0; i < 5; i++) {
            outbox(prescription, "OLD-" + i, "40 days");
            jdbc.update(
                    "INSERT INTO processed_message VALUES ('rx-dispatch-1234563', ?, now() - interval '40 days')",
                    "OLD-" + i);
            jdbc.update("INSERT INTO intake_rejection (rejected_at, actor, correlation_id, http_status, rule)"
                    + " VALUES (now() - interval '100 days', 'it', 'old', 422, 'old-rule')");
            jdbc.update(
                    "INSERT INTO pharmacy_message (pharmacy_ncpdp_id, message_id, received_at, outcome, answer)"
                            + " VALUES ('1234563', ?, now() - interval '100 days', 'accepted', '<Status/>')",
                    "OLD-" + i);
        }
        outbox(prescription, "YOUNG", "29 days");
        jdbc.update(
                "INSERT INTO processed_message VALUES ('rx-dispatch-1234563', 'YOUNG', now() - interval '29 days')");
        jdbc.update("INSERT INTO intake_rejection (rejected_at, actor, correlation_id, http_status, rule)"
                + " VALUES (now() - interval '89 days', 'it', 'young', 422, 'young-rule')");
        jdbc.update("INSERT INTO pharmacy_message (pharmacy_ncpdp_id, message_id, received_at, outcome, answer)"
                + " VALUES ('1234563', 'YOUNG', now() - interval '89 days', 'accepted', '<Status/>')");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(ids("SELECT message_id FROM outbox WHERE aggregate_id = '" + prescription + "'"))
                    .isEqualTo("YOUNG");
            assertThat(ids("SELECT message_id FROM processed_message WHERE consumer = 'rx-dispatch-1234563'"))
                    .isEqualTo("YOUNG");
            assertThat(ids("SELECT correlation_id FROM intake_rejection")).isEqualTo("young");
            assertThat(ids("SELECT message_id FROM pharmacy_message")).isEqualTo("YOUNG");
        });
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM prescription_event WHERE prescription_id = ?",
                        Integer.class,
                        prescription))
                .as("the event store is never pruned")
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM prescription WHERE id = ?", Integer.class, prescription))
                .isEqualTo(1);

        Scrape scrape = Scrape.parse(new HubClient("http://127.0.0.1:" + port, null)
                .get("/actuator/prometheus")
                .body());
        for (String table : new String[] {"outbox", "processed_message", "intake_rejection", "pharmacy_message"}) {
            assertThat(scrape.value("rxflow_retention_pruned_total", "table=\"" + table + "\""))
                    .as(table)
                    .hasValue(5.0);
        }
    }

    private void outbox(UUID prescription, String messageId, String age) {
        jdbc.update(
                "INSERT INTO outbox (aggregate_id, message_type, topic, message_id, headers, payload, created_at,"
                        + " published_at) VALUES (?, 'NewRx', 'ncpdp.outbound.retention-it', ?, '{}', '<NewRx/>',"
                        + " now() - CAST(? AS interval), now() - CAST(? AS interval))",
                prescription,
                messageId,
                age,
                age);
    }

    /** The values of a one-column query, joined: what is left of a table. */
    private String ids(String sql) {
        return String.join(",", jdbc.queryForList(sql, String.class));
    }
}
