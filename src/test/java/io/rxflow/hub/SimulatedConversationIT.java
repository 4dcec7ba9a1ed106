package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The whole conversation on embedded defaults: the simulator, told what to do through its API, answers
 * the hub's CancelRx and follows NewRx up with fills, renewals and duplicates on /ncpdp/inbound, and
 * the hub's events and statuses show it.
 */
class SimulatedConversationIT extends ConversationSupport {

    @Test
    void aCancelGoesOutOnceThroughDispatchAndTheSimulatorsApprovalSettlesIt() throws Exception {
        simulator(BARTON, "follow-up", "none");
        simulator(BARTON, "cancel-answer", "approve");
        Rx rx = delivered("CANCEL-1", BARTON);
        var response =
                hub().post("/api/v1/prescriptions/" + rx.id() + "/cancel", "application/json", "{\"reason\":\"PTR\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asText()).isEqualTo("cancel_requested");
        String cancelId = body.get("cancel_rx_message_id").asText();

        awaitStatus(rx.id(), "cancelled");
        assertThat(eventTypes(rx.id()))
                .containsSubsequence(
                        "NewRxPrepared", "Dispatched", "CancelRxPrepared", "Dispatched", "CancelRxResponseReceived");
        JsonNode prepared = eventOfType(rx.id(), "CancelRxPrepared");
        String cancelRx = prepared.at("/payload/xml").asText();
        assertThat(cancelRx)
                .contains("<CancelRx>")
                .contains("<RelatesToMessageID>" + rx.newRxMessageId() + "</RelatesToMessageID>")
                .contains("<PrescriberOrderNumber>CANCEL-1</PrescriberOrderNumber>")
                .contains("<ReasonForCancellation>PTR</ReasonForCancellation>")
                .contains("<ChangeOfPrescriptionStatusCode>C</ChangeOfPrescriptionStatusCode>");
        JsonNode received = JSON.readTree(
                hub().get("/simulator/pharmacies/" + BARTON + "/received").body());
        assertThat(received.get("message_ids").toString()).contains(cancelId);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM outbox WHERE aggregate_id = CAST(? AS uuid) AND message_type = 'CancelRx'",
                        Integer.class,
                        rx.id()))
                .isEqualTo(1);

        JsonNode mr = JSON.readTree(hub().get("/fhir/r5/MedicationRequest/" + rx.id(), "application/fhir+json")
                .body());
        assertThat(mr.get("status").asText()).isEqualTo("cancelled");
        assertThat(mr.at("/statusReason/coding/0/code").asText()).isEqualTo("cancelled");

        // Cancelled is final: a second cancel is refused and nothing is sent.
        var again = hub().post("/api/v1/prescriptions/" + rx.id() + "/cancel", "application/json", "");
        assertThat(again.statusCode()).isEqualTo(409);
    }

    @Test
    void theFhirCancelOperationAndAPharmacyThatDeniesIt() throws Exception {
        simulator(RIVERSIDE, "follow-up", "none");
        simulator(RIVERSIDE, "cancel-answer", "deny");
        Rx rx = delivered("CANCEL-2", RIVERSIDE);
        var response = hub().send(hub().request("/fhir/r5/MedicationRequest/" + rx.id() + "/$cancel?reason=ERR")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.body()).contains("OperationOutcome");
        awaitStatus(rx.id(), "cancel_denied");
        JsonNode mr = JSON.readTree(hub().get("/fhir/r5/MedicationRequest/" + rx.id(), "application/fhir+json")
                .body());
        assertThat(mr.get("status").asText()).isEqualTo("active");
        assertThat(mr.at("/statusReason/coding/0/code").asText()).isEqualTo("cancel_denied");
        JsonNode denied = eventOfType(rx.id(), "CancelRxResponseReceived");
        assertThat(denied.at("/payload/reason_codes/0").asText()).isEqualTo("AP");
        simulator(RIVERSIDE, "cancel-answer", "approve");
    }

    @Test
    void aPrescriptionNotYetAtThePharmacyCannotBeCancelled() throws Exception {
        var response =
                hub().post("/api/v1/prescriptions/00000000-0000-0000-0000-000000000000/cancel", "application/json", "");
        assertThat(response.statusCode()).isEqualTo(404);
        Rx rx = delivered("CANCEL-3", BARTON);
        var badReason = hub().post(
                        "/api/v1/prescriptions/" + rx.id() + "/cancel", "application/json", "{\"reason\":\"BECAUSE\"}");
        assertThat(badReason.statusCode()).isEqualTo(409);
        assertThat(status(rx.id())).isEqualTo("delivered");
    }

    @Test
    void theSimulatorFillsPartiallyFillsAndAsksForARenewal() throws Exception {
        simulator(RIVERSIDE, "follow-up", "partial-fill");
        Rx partial = delivered("SIM-PARTIAL", RIVERSIDE);
        awaitStatus(partial.id(), "partially_dispensed");

        assertThat(dispenses(partial.id()).at("/entry/0/resource/status").asText())
                .isEqualTo("in-progress");

        simulator(RIVERSIDE, "follow-up", "fill");
        Rx filled = delivered("SIM-FILL", RIVERSIDE);
        awaitStatus(filled.id(), "dispensed");
        JsonNode dispenses = dispenses(filled.id());
        assertThat(dispenses.get("total").asInt()).isEqualTo(1);
        JsonNode md = dispenses.at("/entry/0/resource");
        assertThat(md.get("resourceType").asText()).isEqualTo("MedicationDispense");
        assertThat(md.get("status").asText()).isEqualTo("completed");
        assertThat(md.at("/authorizingPrescription/0/reference").asText())
                .isEqualTo("MedicationRequest/" + filled.id());
        assertThat(md.at("/performer/0/actor/identifier/value").asText()).isEqualTo(RIVERSIDE);
        assertThat(md.at("/subject/reference").asText()).startsWith("#");
        assertThat(md.has("medication")).isTrue();
        assertThat(md.has("whenHandedOver")).isTrue();
        JsonNode mr = JSON.readTree(hub().get("/fhir/r5/MedicationRequest/" + filled.id(), "application/fhir+json")
                .body());
        assertThat(mr.at("/statusReason/coding/0/code").asText()).isEqualTo("dispensed");
        assertThat(lastEvent(filled.id()).get("actor").asText()).isEqualTo("pharmacy-" + RIVERSIDE);

        simulator(RIVERSIDE, "follow-up", "renewal");
        Rx renewal = delivered("SIM-RENEW", RIVERSIDE);
        awaitStatus(renewal.id(), "renewal_requested");
        simulator(RIVERSIDE, "follow-up", "none");
    }

    @Test
    void aFillSentTwiceIsRecordedOnce() throws Exception {
        simulator(RIVERSIDE, "follow-up", "twice");
        Rx rx = delivered("SIM-TWICE", RIVERSIDE);
        awaitStatus(rx.id(), "dispensed");
        // Both copies arrive within the delay; the count must hold at one while they do.
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM pharmacy_message WHERE prescription_id = CAST(? AS uuid)",
                                Integer.class,
                                rx.id())
                        == 1);
        assertThat(eventTypes(rx.id()).stream().filter("RxFillReceived"::equals))
                .hasSize(1);
        simulator(RIVERSIDE, "follow-up", "none");
    }

    @Test
    void garbageFromAPharmacyChangesNothing() throws Exception {
        simulator(RIVERSIDE, "follow-up", "garbage");
        Rx rx = delivered("SIM-GARBAGE", RIVERSIDE);
        long events = allEvents();
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> allEvents() == events && "delivered".equals(status(rx.id())));
        simulator(RIVERSIDE, "follow-up", "none");
    }

    private JsonNode dispenses(String id) throws Exception {
        var response = hub().get("/fhir/r5/MedicationDispense?prescription=" + id, "application/fhir+json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
