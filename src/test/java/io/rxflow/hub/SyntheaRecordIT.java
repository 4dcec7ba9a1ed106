package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: a whole patient record as Synthea writes it, with the practitioners published apart
 * (practitionerInformation, loaded into the practitioner directory) and no pharmacy on any order: each
 * active order is taken and held ({@code routing_failed}, no NewRx), the transaction-response says so,
 * and routing it sends it to the pharmacy.
 */
class SyntheaRecordIT extends HubIntegrationTest {
    private static final FhirContext R4 = FhirContext.forR4Cached();

    @Test
    void holdsEachActiveOrderThatNamesNoPharmacyUntilItIsRouted() throws Exception {
        var load = hub().post("/fhir/r4", "application/fhir+json", directory());
        assertThat(load.statusCode()).as(load.body()).isEqualTo(200);
        String record = SyntheaBundles.wholeRecord(60, "SYN-HELD", false, false);

        var response = hub().post("/fhir/r4", "application/fhir+json", record);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Bundle answer = R4.newJsonParser().parseResource(Bundle.class, response.body());
        var taken = answer.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResponse)
                .filter(r -> "201 Created".equals(r.getStatus()))
                .toList();
        assertThat(taken).hasSize(SyntheaBundles.ACTIVE_ORDERS.size());
        assertThat(taken)
                .extracting(r -> ((OperationOutcome) r.getOutcome()).getIssueFirstRep())
                .allSatisfy(issue -> {
                    assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.WARNING);
                    assertThat(issue.getDiagnostics()).contains("held").contains("dispenseRequest.performer");
                });
        List<String> ids =
                taken.stream().map(r -> r.getLocation().split("/")[1]).toList();
        for (String id : ids) {
            assertThat(status(id)).isEqualTo("routing_failed");
            assertThat(eventTypes(id))
                    .containsExactly("PrescriptionReceived", "PrescriptionValidated", "RoutingFailed");
            var read = hub().get("/fhir/r4/MedicationRequest/" + id);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(R4.newJsonParser()
                            .parseResource(MedicationRequest.class, read.body())
                            .getDispenseRequest()
                            .hasPerformer())
                    .isFalse();
        }

        String route = "/api/v1/prescriptions/" + ids.get(0) + "/route";
        var nowhere = hub().post(route, "application/json", "");
        assertThat(nowhere.statusCode()).as(nowhere.body()).isEqualTo(422);
        assertThat(nowhere.body()).contains("pharmacy-missing");
        for (String id : ids) {
            var routed = hub().post(
                            "/api/v1/prescriptions/" + id + "/route",
                            "application/json",
                            "{\"pharmacy_ncpdp_id\":\"1234563\"}");
            assertThat(routed.statusCode()).as(routed.body()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() ->
                        assertThat(ids).allSatisfy(id -> assertThat(status(id)).isEqualTo("delivered")));
        String newRx =
                hub().get("/api/v1/prescriptions/" + ids.get(0) + "/script").body();
        assertThat(newRx).contains("1234563").contains("Kuhic920").contains("<NDC>50090298800</NDC>");
        assertThat(eventTypes(ids.get(0))).containsSubsequence("RoutingFailed", "PrescriptionRouted", "NewRxPrepared");
    }

    @Test
    void refusesAtIntakeAHeldOrderScriptCannotCarryAndStoresNothingOfTheRecord() {
        String record = SyntheaBundles.wholeRecord(3, "SYN-HELD-QTY", true, false)
                .replace("\"quantity\":{\"value\":30,", "\"quantity\":{\"value\":30.123456789012,");

        var response = hub().post("/fhir/r4", "application/fhir+json", record);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(response.body()).contains("MedicationRequest.dispenseRequest.quantity");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM prescription WHERE medication_request #>> '{identifier,0,value}' LIKE ?",
                        Integer.class,
                        "SYN-HELD-QTY%"))
                .isZero();
    }

    private String status(String id) {
        return jdbc.queryForObject("SELECT status FROM prescription WHERE id = CAST(? AS uuid)", String.class, id);
    }

    private List<String> eventTypes(String id) {
        return jdbc.queryForList(
                "SELECT event_type FROM prescription_event WHERE prescription_id = CAST(? AS uuid) ORDER BY version",
                String.class,
                id);
    }

    private static String directory() {
        try (var in = SyntheaRecordIT.class.getResourceAsStream(
                "/fixtures/intake/r4/directory/synthea-practitioner-information.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
