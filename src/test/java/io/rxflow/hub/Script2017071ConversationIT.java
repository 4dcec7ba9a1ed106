package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.rxflow.hub.script.ScriptSchemas;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The pharmacy conversation with a SCRIPT 2017071 pharmacy (Hill Country Drug, 2345671, in the demo
 * directory; the simulator plays it over HTTP): every message the hub sends it leaves through the outbox
 * and the dispatch route converted to 2017071 (valid against the hub's 2017071 schema, or the simulator
 * would answer an Error), every 2017071 message it sends is checked against that schema, converted and
 * applied, and every answer it gets is 2017071. The test plays the pharmacy's system where the simulator
 * does not, writing 2017071 messages from the 2017071 NewRx it received.
 */
class Script2017071ConversationIT extends ConversationSupport {
    private static final String HILL = "2345671";
    private static final String FHIR = "application/fhir+json";
    private static final ScriptSchemas SCHEMAS = ScriptSchemas.load(null);

    /** The NewRx as the 2017071 pharmacy received it, and its system writing back in 2017071. */
    private PharmacySystem pharmacyOf(Rx rx) {
        var newRx2017 = hub().get("/api/v1/prescriptions/" + rx.id() + "/script?version=2017071");
        assertThat(newRx2017.statusCode()).as(newRx2017.body()).isEqualTo(200);
        assertThat(newRx2017.body()).contains("TransactionVersion=\"20170715\"");
        var pharmacy = new PharmacySystem(newRx2017.body(), HILL);
        assertThat(pharmacy.is2017071()).isTrue();
        return pharmacy;
    }

    @Test
    void aCancelGoesOutIn2017071AndThePharmacys2017071AnswerSettlesIt() throws Exception {
        simulator(HILL, "cancel-answer", "approve");
        Rx rx = delivered("V17-CANCEL-1", HILL);

        var cancel =
                hub().post("/api/v1/prescriptions/" + rx.id() + "/cancel", "application/json", "{\"reason\":\"PTR\"}");

        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
        String cancelId =
                JSON.readTree(cancel.body()).get("cancel_rx_message_id").asText();
        // The simulator validates what it receives against the 2017071 schema and answers in 2017071;
        // its CancelRxResponse, checked and converted by the hub, settles the cancel.
        awaitStatus(rx.id(), "cancelled");
        assertThat(hub().get("/simulator/pharmacies/" + HILL + "/received").body())
                .contains(cancelId);
        JsonNode dispatched = dispatchedOf(rx.id(), cancelId);
        assertThat(dispatched.at("/payload/script_version").asText()).isEqualTo("2017071");
        assertThat(eventTypes(rx.id()))
                .containsSubsequence("CancelRxPrepared", "Dispatched", "CancelRxResponseReceived");
        // Stored in 2023011, as the NewRx is: the conversion happens at dispatch.
        String stored =
                eventOfType(rx.id(), "CancelRxPrepared").at("/payload/xml").asText();
        assertThat(stored).contains("<ChangeOfPrescriptionStatusCode>C</ChangeOfPrescriptionStatusCode>");
        assertThat(SCHEMAS.fault2023011(stored)).isEmpty();
        JsonNode settled = eventOfType(rx.id(), "CancelRxResponseReceived");
        assertThat(settled.at("/payload/relates_to_message_id").asText()).isEqualTo(cancelId);
        assertThat(settled.get("actor").asText()).isEqualTo("pharmacy-" + HILL);
    }

    @Test
    void fillsIn2017071LandAsTheFillEventsAndAreAnsweredIn2017071() throws Exception {
        Rx rx = delivered("V17-FILL-1", HILL);
        PharmacySystem pharmacy = pharmacyOf(rx);

        String partial = PharmacySystem.newMessageId();
        var first = inbound(HILL, pharmacy.rxFill(partial, rx.newRxMessageId(), "HC-9001", "PartiallyDispensed"));
        assertStatus000(first, partial);
        assertAnswerIn2017071(first);
        assertThat(status(rx.id())).isEqualTo("partially_dispensed");

        String full = PharmacySystem.newMessageId();
        var second = inbound(HILL, pharmacy.rxFill(full, null, "HC-9001", "Dispensed"));
        assertStatus000(second, full);
        assertThat(status(rx.id())).isEqualTo("dispensed");
        assertThat(eventTypes(rx.id())).endsWith("RxFillReceived", "RxFillReceived");
        JsonNode last = lastEvent(rx.id());
        assertThat(last.at("/payload/fill_status").asText()).isEqualTo("Dispensed");
        assertThat(last.at("/payload/status_before").asText()).isEqualTo("partially_dispensed");
        assertThat(last.at("/payload/message_id").asText()).isEqualTo(full);
        var dispenses = JSON.readTree(hub().get("/fhir/r5/MedicationDispense?prescription=" + rx.id(), FHIR)
                .body());
        assertThat(dispenses.get("total").asInt()).isEqualTo(2);
    }

    @Test
    void aRenewalRequestIn2017071IsATaskAndTheApprovalGoesOutIn2017071() throws Exception {
        Rx rx = delivered("V17-RENEW-1", HILL);
        PharmacySystem pharmacy = pharmacyOf(rx);
        String requestId = PharmacySystem.newMessageId();

        var asked = inbound(HILL, pharmacy.rxRenewalRequest(requestId, rx.newRxMessageId(), "HC-9101"));

        assertStatus000(asked, requestId);
        assertAnswerIn2017071(asked);
        assertThat(status(rx.id())).isEqualTo("renewal_requested");
        // The request is kept as 2023011 (the Task and the response are built from it).
        String kept =
                eventOfType(rx.id(), "RxRenewalRequested").at("/payload/xml").asText();
        assertThat(kept).contains("<Names>").doesNotContain("TransactionVersion=\"20170715\"");
        String taskId = rx.id() + "-"
                + eventOfType(rx.id(), "RxRenewalRequested").get("version").asText();
        assertThat(readTask(taskId).get("status").asText()).isEqualTo("requested");

        var answer = hub().post(
                        "/api/v1/prescriptions/" + rx.id() + "/renewal-response",
                        "application/json",
                        "{\"decision\":\"approve\",\"number_of_refills\":2,\"note\":\"Renewed\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        String responseId = JSON.readTree(answer.body())
                .get("rx_renewal_response_message_id")
                .asText();

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "completed".equals(readTask(taskId).get("status").asText()));
        assertThat(hub().get("/simulator/pharmacies/" + HILL + "/received").body())
                .contains(responseId);
        assertThat(dispatchedOf(rx.id(), responseId)
                        .at("/payload/script_version")
                        .asText())
                .isEqualTo("2017071");
        assertThat(status(rx.id())).isEqualTo("renewed");
    }

    @Test
    void aRenewalAnswer2017071CannotCarryIsRefusedBeforeAnythingIsSent() throws Exception {
        Rx rx = delivered("V17-RENEW-2", HILL);
        PharmacySystem pharmacy = pharmacyOf(rx);
        assertStatus000(
                inbound(HILL, pharmacy.rxRenewalRequest(PharmacySystem.newMessageId(), rx.newRxMessageId(), "HC-9102")),
                null);
        int events = eventTypes(rx.id()).size();

        var answer = hub().post(
                        "/api/v1/prescriptions/" + rx.id() + "/renewal-response",
                        "application/json",
                        "{\"decision\":\"deny\",\"reason_code\":\"AF\",\"prohibit_renewal_request\":true}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
        assertThat(answer.body()).contains("ProhibitRenewalRequest");
        assertThat(eventTypes(rx.id())).hasSize(events);
        assertThat(status(rx.id())).isEqualTo("renewal_requested");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM outbox WHERE aggregate_id = CAST(? AS uuid) AND message_type = ?",
                        Integer.class,
                        rx.id(),
                        "RxRenewalResponse"))
                .isZero();
    }

    @Test
    void aChangeRequestIn2017071IsDeniedIn2017071() throws Exception {
        Rx rx = delivered("V17-CHANGE-1", HILL);
        PharmacySystem pharmacy = pharmacyOf(rx);
        String requestId = PharmacySystem.newMessageId();

        var asked = inbound(HILL, pharmacy.rxChangeRequest(requestId, rx.newRxMessageId(), "HC-9201"));

        assertStatus000(asked, requestId);
        assertThat(status(rx.id())).isEqualTo("change_requested");
        assertThat(lastEvent(rx.id()).at("/payload/message_request_code").asText())
                .isEqualTo("G");
        String taskId = rx.id() + "-"
                + eventOfType(rx.id(), "RxChangeRequested").get("version").asText();

        var answer = hub().post(
                        "/api/v1/prescriptions/" + rx.id() + "/change-response",
                        "application/json",
                        "{\"decision\":\"deny\",\"reason_code\":\"AL\",\"reason\":\"Keep the brand\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        String responseId = JSON.readTree(answer.body())
                .get("rx_change_response_message_id")
                .asText();

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> hub().get("/simulator/pharmacies/" + HILL + "/received")
                        .body()
                        .contains(responseId));
        assertThat(dispatchedOf(rx.id(), responseId)
                        .at("/payload/script_version")
                        .asText())
                .isEqualTo("2017071");
        assertThat(status(rx.id())).isEqualTo("change_denied");
        assertThat(readTask(taskId).get("status").asText()).isEqualTo("rejected");
    }

    @Test
    void aMalformed2017071FollowUpGetsA2017071ErrorWithTheXPathAndChangesNothing() throws Exception {
        Rx rx = delivered("V17-BAD-1", HILL);
        PharmacySystem pharmacy = pharmacyOf(rx);
        long before = allEvents();
        // 2017071 requires the patient's ZIP code: without it the next element is out of place.
        String fill = pharmacy.rxFill(PharmacySystem.newMessageId(), rx.newRxMessageId(), "HC-9301", "Dispensed");
        String noZip = fill.replaceFirst("(?s)(<HumanPatient>.*?)<PostalCode>[^<]*</PostalCode>", "$1");
        assertThat(noZip).isNotEqualTo(fill);

        var answer = inbound(HILL, noZip);

        assertError(answer, "900", "3000", "/Message/Body/RxFill/Patient/HumanPatient/Address/CountryCode");
        assertAnswerIn2017071(answer);
        assertThat(status(rx.id())).isEqualTo("delivered");
        assertThat(allEvents()).isEqualTo(before);

        // A 2023011 message from this 2017071 pharmacy is refused at the version, as before.
        var wrongVersion = inbound(
                HILL, rx.pharmacy().rxFill(PharmacySystem.newMessageId(), rx.newRxMessageId(), "HC-9301", "Dispensed"));
        assertError(wrongVersion, "900", "3000", "/Message/@TransactionVersion");
        assertThat(status(rx.id())).isEqualTo("delivered");
    }

    @Test
    void theSimulatorPlaysA2017071PharmacysFillAndRenewal() throws Exception {
        simulator(HILL, "follow-up", "fill");
        Rx filled = delivered("V17-SIM-1", HILL);
        awaitStatus(filled.id(), "dispensed");
        simulator(HILL, "follow-up", "renewal");
        Rx renewal = delivered("V17-SIM-2", HILL);
        awaitStatus(renewal.id(), "renewal_requested");
        simulator(HILL, "follow-up", "none");

        // The directory says 2017071 for this pharmacy: a 2023011 follow-up from it would have been refused.
        assertThat(eventOfType(filled.id(), "RxFillReceived").get("actor").asText())
                .isEqualTo("pharmacy-" + HILL);
        assertThat(eventOfType(renewal.id(), "RxRenewalRequested")
                        .at("/payload/xml")
                        .asText())
                .contains("<RxRenewalRequest>", "<MedicationDispensed>");
    }

    private static void assertAnswerIn2017071(HttpResponse<String> answer) {
        assertThat(answer.body()).contains("TransactionVersion=\"20170715\"");
        assertThat(SCHEMAS.fault2017071(answer.body())).as(answer.body()).isEmpty();
    }

    private JsonNode dispatchedOf(String id, String messageId) throws Exception {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> events(id).toString().contains("\"message_id\":\"" + messageId + "\""));
        for (JsonNode e : events(id)) {
            if (e.get("type").asText().equals("Dispatched")
                    && e.at("/payload/message_id").asText().equals(messageId)) {
                return e;
            }
        }
        throw new AssertionError("no Dispatched event for " + messageId + " in " + events(id));
    }

    private JsonNode readTask(String taskId) throws Exception {
        var response = hub().get("/fhir/r5/Task/" + taskId, FHIR);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
