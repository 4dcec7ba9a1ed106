package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: the practitioner directory. Synthea's practitionerInformation and hospitalInformation
 * Bundles load it through {@code POST /fhir/r4}; a patient record whose requester is a conditional
 * reference to a Practitioner the record does not hold finds it there and goes to its pharmacy.
 */
// Only it-key-one (its key id: the first 12 hex digits of its SHA-256) may change the directory.
@org.springframework.test.context.TestPropertySource(properties = "rxflow.practitioners.loader-keys=key-234953f26bd2")
class PractitionerDirectoryIT extends HubIntegrationTest {
    private static final FhirContext R4 = FhirContext.forR4Cached();

    @Test
    void loadsSyntheaPractitionerAndHospitalInformationAnsweringEachEntry() {
        // The other tests of this class load the same file: this one answers as to a first load.
        jdbc.update("DELETE FROM practitioner_directory");

        var practitioners = post(read("synthea-practitioner-information.json"));
        var hospitals = post(read("synthea-hospital-information.json"));

        assertThat(practitioners.statusCode()).as(practitioners.body()).isEqualTo(200);
        Bundle answer = R4.newJsonParser().parseResource(Bundle.class, practitioners.body());
        assertThat(answer.getType()).isEqualTo(Bundle.BundleType.BATCHRESPONSE);
        assertThat(answer.getEntry())
                .extracting(e -> e.getResponse().getStatus())
                .containsExactly("201 Created", "200 OK", "201 Created");
        assertThat(diagnostics(answer, 1)).startsWith("PractitionerRole not kept");
        assertThat(diagnostics(answer, 2)).contains("http://hl7.org/fhir/sid/us-npi|1999999919");
        assertThat(hospitals.statusCode()).as(hospitals.body()).isEqualTo(200);
        Bundle hospitalAnswer = R4.newJsonParser().parseResource(Bundle.class, hospitals.body());
        assertThat(diagnostics(hospitalAnswer, 0)).startsWith("Organization stored in the practitioner directory");
        assertThat(diagnostics(hospitalAnswer, 1)).startsWith("Location not kept");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM practitioner_directory WHERE identifier_value IN (?, ?)",
                        Integer.class,
                        "1999999992",
                        "1999999919"))
                .isEqualTo(2);

        var again = post(read("synthea-practitioner-information.json"));
        assertThat(R4.newJsonParser().parseResource(Bundle.class, again.body()).getEntry())
                .extracting(e -> e.getResponse().getStatus())
                .containsOnly("200 OK");
    }

    @Test
    void takesTheRequesterFromTheDirectoryWhenTheRecordDoesNotHoldItAndDeliversEachOrder() {
        post(read("synthea-practitioner-information.json"));
        String record = SyntheaBundles.wholeRecord(40, "SYN-DIR", false, true);

        var response = post(record);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Bundle answer = R4.newJsonParser().parseResource(Bundle.class, response.body());
        assertThat(answer.getEntry())
                .as("one answer per entry sent, none for the directory's Practitioner")
                .hasSize(R4.newJsonParser()
                        .parseResource(Bundle.class, record)
                        .getEntry()
                        .size());
        List<String> created = answer.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResponse)
                .filter(r -> "201 Created".equals(r.getStatus()))
                .map(r -> r.getLocation().split("/")[1])
                .toList();
        assertThat(created).hasSize(SyntheaBundles.ACTIVE_ORDERS.size());
        for (String id : created) {
            String newRx = hub().get("/api/v1/prescriptions/" + id + "/script").body();
            assertThat(newRx).contains("Kuhic920").contains(SyntheaBundles.NPI);
        }
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(jdbc.queryForList(
                                "SELECT status FROM prescription WHERE id = ANY(CAST(? AS uuid[]))",
                                String.class,
                                (Object) created.toArray(String[]::new)))
                        .containsOnly("delivered"));
    }

    @Test
    void refusesARequesterNeitherTheRecordNorTheDirectoryHoldsNamingTheR4Element() {
        String record =
                SyntheaBundles.wholeRecord(3, "SYN-NODIR", false, true).replace(SyntheaBundles.NPI, "1999999901");

        var response = post(record);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        var outcome = R4.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssueFirstRep().getExpression().get(0).getValue())
                .isEqualTo("MedicationRequest.requester.reference");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM prescription WHERE medication_request #>> '{identifier,0,value}' LIKE ?",
                        Integer.class,
                        "SYN-NODIR%"))
                .isZero();
    }

    @Test
    void saysInTheR4CapabilityStatementWhatABundleCanDo() {
        var response = hub().get("/fhir/r4/metadata");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var cs = R4.newJsonParser().parseResource(CapabilityStatement.class, response.body());
        assertThat(cs.getRestFirstRep().getInteraction())
                .extracting(CapabilityStatement.SystemInteractionComponent::getDocumentation)
                .allSatisfy(doc -> assertThat(doc)
                        .contains("practitioner directory")
                        .contains("held")
                        .contains("intent 'order' and status 'active'"));
    }

    private static String diagnostics(Bundle answer, int entry) {
        return ((OperationOutcome) answer.getEntry().get(entry).getResponse().getOutcome())
                .getIssueFirstRep()
                .getDiagnostics();
    }

    @Test
    void refusesADirectoryLoadFromAKeyNotAllowedToChangeItAndStoresNothing() {
        jdbc.update("DELETE FROM practitioner_directory");
        var refused = new HubClient("http://127.0.0.1:" + port, "it-key-two")
                .post("/fhir/r4", "application/fhir+json", read("synthea-practitioner-information.json"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("OperationOutcome").contains("rxflow.practitioners.loader-keys");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM practitioner_directory", Integer.class))
                .isZero();
    }

    private HttpResponse<String> post(String body) {
        return hub().post("/fhir/r4", "application/fhir+json", body);
    }

    private static String read(String fixture) {
        try (var in = PractitionerDirectoryIT.class.getResourceAsStream("/fixtures/intake/r4/directory/" + fixture)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(fixture, e);
        }
    }
}
