package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
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
            "rxflow.retention.pharmacy-messages=90d",
            "rxflow.retention.ehr-pushed=30d"
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
            ehrPush(prescription, "OLD-" + i, "40 days", true);
        }
        ehrPush(prescription, "OLD-NOT-PUSHED", "40 days", false);
        ehrPush(prescription, "YOUNG", "29 days", true);
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
            assertThat(ids("SELECT message_id FROM processed_message WHERE consumer = 'rx-dispatch-1234563'"
                            + " AND (message_id = 'YOUNG' OR message_id LIKE 'OLD-%')"))
                    .isEqualTo("YOUNG");
            assertThat(ids("SELECT correlation_id FROM intake_rejection")).isEqualTo("young");
            assertThat(
                            ids(
                                    "SELECT message_id FROM pharmacy_message WHERE message_id = 'YOUNG' OR message_id LIKE 'OLD-%'"))
                    .isEqualTo("YOUNG");
            assertThat(ids("SELECT resource_id FROM ehr_push WHERE prescription_id = '" + prescription
                            + "' ORDER BY resource_id"))
                    .as("an old row not pushed yet is kept")
                    .isEqualTo("OLD-NOT-PUSHED,YOUNG");
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
        for (String table :
                new String[] {"outbox", "processed_message", "intake_rejection", "pharmacy_message", "ehr_push"}) {
            assertThat(scrape.value("rxflow_retention_pruned_total", "table=\"" + table + "\""))
                    .as(table)
                    .hasValue(5.0);
        }
    }

    @Test
    void eachPrescriptionsEventsLiveInThePartitionOfTheMonthItWasReceivedWhichCanBeDetachedWhole() throws Exception {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        assertThat(jdbc.queryForList(
                        "SELECT CAST(c.relname AS text) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                                + " WHERE i.inhparent = CAST('prescription_event' AS regclass)",
                        String.class))
                .as("this month's and the next two months' partitions exist from the start")
                .contains(partition(now), partition(now.plusMonths(1)), partition(now.plusMonths(2)));

        var response = hub().post(
                        "/api/v1/prescriptions",
                        "application/json",
                        Fixtures.named("valid", "lisinopril-daily-envelope").readdressed("PARTITION-1", "1234563"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        UUID id = UUID.fromString(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(response.body())
                .get("id")
                .asText());
        assertThat(id.version()).isEqualTo(7);
        await().atMost(Duration.ofSeconds(60)).until(() -> eventTypes(id).contains("Dispatched"));
        assertThat(jdbc.queryForList(
                        "SELECT DISTINCT CAST(tableoid::regclass AS text) FROM prescription_event WHERE prescription_id = ?",
                        String.class,
                        id))
                .as("every event of the stream, the later ones too, with the month it began")
                .containsExactly(partition(now));

        // An old month: its stream is found through the parent until the partition is detached, then
        // only in the detached table; the append-only rule holds on a partition as on the parent.
        jdbc.queryForObject("SELECT rxflow_event_partition_create(DATE '2020-01-01')", String.class);
        UUID old = jdbc.queryForObject("SELECT rxflow_uuid7_floor(TIMESTAMPTZ '2020-01-15 12:00Z')", UUID.class);
        jdbc.update(
                "INSERT INTO prescription_event (prescription_id, version, event_type, occurred_at, actor,"
                        + " correlation_id, payload) VALUES (?, 1, 'PrescriptionReceived', '2020-01-15T12:00Z', 'it',"
                        + " 'it', '{}')",
                old);
        assertThatThrownBy(() -> jdbc.update("DELETE FROM prescription_event_2020_01"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE prescription_event_2020_01"))
                .hasMessageContaining("append-only");
        assertThat(count("prescription_event", old)).isEqualTo(1);
        jdbc.execute("ALTER TABLE prescription_event DETACH PARTITION prescription_event_2020_01");
        assertThat(count("prescription_event", old)).isZero();
        assertThat(count("prescription_event_2020_01", old)).isEqualTo(1);
        assertThat(count("prescription_event", id)).isPositive();
    }

    private String eventTypes(UUID id) {
        return String.join(
                ",",
                jdbc.queryForList(
                        "SELECT event_type FROM prescription_event WHERE prescription_id = ? ORDER BY version",
                        String.class,
                        id));
    }

    private int count(String table, UUID id) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE prescription_id = ?", Integer.class, id);
    }

    private static String partition(YearMonth month) {
        return String.format("prescription_event_%04d_%02d", month.getYear(), month.getMonthValue());
    }

    private void ehrPush(UUID prescription, String resourceId, String age, boolean pushed) {
        jdbc.update(
                "INSERT INTO ehr_push (ehr, prescription_id, resource_type, resource_id, created_at, next_attempt_at,"
                        + " pushed_at) VALUES ('key-000000000000', ?, 'Task', ?, now() - CAST(? AS interval),"
                        + " now() - CAST(? AS interval), CASE WHEN ? THEN now() - CAST(? AS interval) END)",
                prescription,
                resourceId,
                age,
                age,
                pushed,
                age);
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
