package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A database connection that dies in the middle of a write transaction (the server terminates the
 * backend while the outbox row is being inserted, after the read model and the events were written)
 * is answered {@code 503} with {@code Retry-After} and an OperationOutcome, never an empty
 * {@code 500}, and leaves nothing half-stored; the same request sent again succeeds.
 */
class ConnectionLostIT extends HubIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void dropTrigger() {
        jdbc.execute("DROP TRIGGER IF EXISTS lose_connection ON outbox");
        jdbc.execute("DROP FUNCTION IF EXISTS lose_connection()");
    }

    @Test
    void intakeAnswers503AndStoresNothingWhenItsConnectionDiesBeforeCommit() throws Exception {
        String envelope = envelope("LOSTCONN-INTAKE", "1234563");
        int prescriptions = prescriptionCount();
        loseTheConnectionOnOutboxRowsContaining("LOSTCONN-INTAKE");

        HttpResponse<String> lost = hub().post("/api/v1/prescriptions", "application/json", envelope);
        assertTransient(lost);
        assertThat(countOrders("LOSTCONN-INTAKE")).isZero();
        assertThat(prescriptionCount()).isEqualTo(prescriptions);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM prescription_event e LEFT JOIN prescription p ON p.id = e.prescription_id"
                                + " WHERE p.id IS NULL",
                        Integer.class))
                .isZero();

        dropTrigger();
        HttpResponse<String> again = hub().post("/api/v1/prescriptions", "application/json", envelope);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(countOrders("LOSTCONN-INTAKE")).isEqualTo(1);
        assertThat(prescriptionCount()).isEqualTo(prescriptions + 1);
    }

    @Test
    void routingAnswers503AndChangesNothingWhenItsConnectionDiesBeforeCommit() throws Exception {
        HttpResponse<String> held =
                hub().post("/api/v1/prescriptions", "application/json", envelope("LOSTCONN-ROUTE", "0512347"));
        assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
        String id = JSON.readTree(held.body()).get("id").asText();
        assertThat(status(id)).isEqualTo("routing_failed");
        int events = eventCount(id);
        loseTheConnectionOnOutboxRowsContaining("LOSTCONN-ROUTE");

        String path = "/api/v1/prescriptions/" + id + "/route";
        HttpResponse<String> lost = hub().post(path, "application/json", "{\"pharmacy_ncpdp_id\":\"3456786\"}");
        assertTransient(lost);
        assertThat(status(id)).isEqualTo("routing_failed");
        assertThat(eventCount(id)).isEqualTo(events);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM outbox WHERE aggregate_id = CAST(? AS uuid)", Integer.class, id))
                .isZero();

        dropTrigger();
        HttpResponse<String> again = hub().post(path, "application/json", "{\"pharmacy_ncpdp_id\":\"3456786\"}");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        assertThat(eventCount(id)).isEqualTo(events + 2);
    }

    private static void assertTransient(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
        JsonNode outcome = JSON.readTree(answer.body());
        assertThat(outcome.get("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(outcome.at("/issue/0/code").asText()).isEqualTo("transient");
        assertThat(answer.headers().firstValue("X-Correlation-ID")).isPresent();
    }

    /** The server ends the inserting session itself, inside the transaction: a connection lost mid-write. */
    private void loseTheConnectionOnOutboxRowsContaining(String marker) {
        jdbc.execute("CREATE FUNCTION lose_connection() RETURNS trigger LANGUAGE plpgsql AS $$"
                + " BEGIN IF NEW.payload LIKE '%" + marker + "%' THEN PERFORM pg_terminate_backend(pg_backend_pid());"
                + " END IF; RETURN NEW; END $$");
        jdbc.execute(
                "CREATE TRIGGER lose_connection BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION lose_connection()");
    }

    private String envelope(String orderNumber, String ncpdpId) throws Exception {
        JsonNode root = JSON.readTree(
                Fixtures.named("valid", "lisinopril-daily-envelope").envelope());
        ((ObjectNode) root.at("/medication_request/identifier/0")).put("value", orderNumber);
        for (JsonNode id : root.at("/pharmacy/identifier")) {
            if (id.get("system").asText().endsWith("NCPDPProviderIdentificationNumber")) {
                ((ObjectNode) id).put("value", ncpdpId);
            }
        }
        return JSON.writeValueAsString(root);
    }

    private int countOrders(String orderNumber) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM outbox WHERE payload LIKE ?", Integer.class, "%" + orderNumber + "%");
    }

    private int prescriptionCount() {
        return jdbc.queryForObject("SELECT count(*) FROM prescription", Integer.class);
    }

    private String status(String id) {
        return jdbc.queryForObject("SELECT status FROM prescription WHERE id = CAST(? AS uuid)", String.class, id);
    }

    private int eventCount(String id) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM prescription_event WHERE prescription_id = CAST(? AS uuid)", Integer.class, id);
    }
}
