package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 14: FHIR R4 (US Core-shaped) prescriptions go in through every R4 shape, take the R5 path and
 * come out as a NewRx carrying their drug; they read back as R4; refusals name the R4 element; and a
 * stock HAPI R4 generic client works against {@code /fhir/r4} unmodified.
 */
class R4IntakeIT extends HubIntegrationTest {
    private static final FhirContext R4 = FhirContext.forR4Cached();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LISINOPRIL = "50090298800";
    private static final String OXYCODONE = "00406055201";

    private static final Map<String, String> DRUG_OF = Map.of(
            "create/lisinopril-rxnorm-ndc-codeable-concept-qd.json", LISINOPRIL,
            "create/oxycodone-cii-contained-medication-role-dea-prn.json", OXYCODONE,
            "transaction/oxycodone-cii-urn-uuid-practitioner-role-dea.json", OXYCODONE,
            "transaction/lisinopril-batch-relative-references.json", LISINOPRIL,
            "envelope/lisinopril-rxnorm-us-core-envelope.json", LISINOPRIL);

    @Test
    void acceptsEachR4ShapeAndSendsItsDrug() {
        for (var fixture : DRUG_OF.entrySet()) {
            String id = submit(fixture.getKey(), read(fixture.getKey()));
            String newRx = newRx(id);
            assertThat(newRx).as(fixture.getKey()).contains("<NDC>" + fixture.getValue() + "</NDC>");
            if (fixture.getValue().equals(OXYCODONE)) {
                // The DEA number came on the PractitionerRole only.
                assertThat(newRx).as(fixture.getKey()).contains("BR2609189");
            }
        }
    }

    @Test
    void readsTheStoredPrescriptionAsR4() {
        String id = submit(
                "create/lisinopril-rxnorm-ndc-codeable-concept-qd.json",
                read("create/lisinopril-rxnorm-ndc-codeable-concept-qd.json")
                        .replace("R4-LISINOPRIL-0001", "R4-READ-1"));

        var response = hub().get("/fhir/r4/MedicationRequest/" + id);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var mr = R4.newJsonParser().parseResource(MedicationRequest.class, response.body());
        assertThat(mr.getMedicationCodeableConcept().getCodingFirstRep().getCode())
                .isEqualTo("314076");
        assertThat(mr.getDispenseRequest().getPerformer().getReference()).startsWith("#");
        assertThat(mr.getIdentifierFirstRep().getValue()).isEqualTo("R4-READ-1");
    }

    @Test
    void refusesWhatScriptCannotCarryNamingTheR4Element() {
        var snomed = post("/fhir/r4/MedicationRequest", read("invalid/medication-codeable-concept-snomed-only.json"));
        assertThat(snomed.statusCode()).as(snomed.body()).isEqualTo(422);
        assertThat(expression(snomed)).isEqualTo("MedicationRequest.medicationCodeableConcept.coding");

        var noPharmacy = post("/fhir/r4/MedicationRequest", read("invalid/no-dispense-request-performer.json"));
        assertThat(noPharmacy.statusCode()).as(noPharmacy.body()).isEqualTo(400);
        assertThat(expression(noPharmacy)).isEqualTo("MedicationRequest.dispenseRequest.performer");

        var dangling = post("/fhir/r4/MedicationRequest", read("invalid/performer-not-contained.json"));
        assertThat(dangling.statusCode()).as(dangling.body()).isEqualTo(422);
        assertThat(expression(dangling)).isEqualTo("MedicationRequest.dispenseRequest.performer.reference");
    }

    @Test
    void keepsEachVersionOnItsOwnEndpoint() {
        String r4 = read("create/lisinopril-rxnorm-ndc-codeable-concept-qd.json");
        var r4ToR5 = hub().post("/fhir/r5/MedicationRequest", "application/fhir+json", r4);
        assertThat(r4ToR5.statusCode()).as(r4ToR5.body()).isEqualTo(400);

        String r5 = Fixtures.contained(Fixtures.named("valid", "lisinopril-daily-envelope"), false);
        var r5ToR4 = post("/fhir/r4/MedicationRequest", r5);
        assertThat(r5ToR4.statusCode()).as(r5ToR4.body()).isEqualTo(400);
        assertThat(r5ToR4.body()).contains("FHIR R4 expected");
    }

    @Test
    void takesEveryActiveOrderOfASyntheaStyleRecordAndAnswersForEachEntry() {
        String record = SyntheaBundles.wholeRecord(100, "SYN-IT");
        int sent = R4.newJsonParser()
                .parseResource(Bundle.class, record)
                .getEntry()
                .size();

        var response = post("/fhir/r4", record);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Bundle answer = R4.newJsonParser().parseResource(Bundle.class, response.body());
        assertThat(answer.getEntry()).hasSize(sent);
        List<String> created = answer.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResponse)
                .filter(r -> "201 Created".equals(r.getStatus()))
                .map(r -> r.getLocation().split("/")[1])
                .toList();
        assertThat(created).hasSize(SyntheaBundles.ACTIVE_ORDERS.size());
        assertThat(newRx(created.get(0))).contains("<NDC>" + LISINOPRIL + "</NDC>");
        assertThat(newRx(created.get(1))).contains("<NDC>65841002801</NDC>");
        assertThat(answer.getEntry())
                .extracting(e -> ((OperationOutcome) e.getResponse().getOutcome()))
                .filteredOn(
                        o -> o != null && o.getIssueFirstRep().getDiagnostics().startsWith("MedicationRequest "))
                .hasSize(2);

        var again = post("/fhir/r4", record);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(R4.newJsonParser().parseResource(Bundle.class, again.body()).getEntry())
                .noneMatch(e -> "201 Created".equals(e.getResponse().getStatus()));
    }

    /** A stock HAPI R4 generic client: capabilities, create, read and transaction. */
    @ParameterizedTest
    @EnumSource(
            value = EncodingEnum.class,
            names = {"JSON", "XML"})
    void worksWithAStockHapiR4GenericClient(EncodingEnum encoding) {
        IGenericClient client = FhirContext.forR4().newRestfulGenericClient("http://127.0.0.1:" + port + "/fhir/r4");
        var headers = new AdditionalRequestHeadersInterceptor();
        headers.addHeaderValue("X-API-Key", API_KEY);
        client.registerInterceptor(headers);
        client.setEncoding(encoding);

        CapabilityStatement cs =
                client.capabilities().ofType(CapabilityStatement.class).execute();
        assertThat(cs.getFhirVersion().toCode()).isEqualTo("4.0.1");

        MedicationRequest order = R4.newJsonParser()
                .parseResource(
                        MedicationRequest.class, read("create/oxycodone-cii-contained-medication-role-dea-prn.json"));
        order.setId((String) null);
        order.getIdentifierFirstRep().setValue("R4-HAPI-CREATE-" + encoding);
        var created = client.create().resource(order).execute();
        assertThat(created.getCreated()).isTrue();
        String id = created.getId().getIdPart();
        assertThat(newRx(id)).contains("<NDC>" + OXYCODONE + "</NDC>");
        MedicationRequest back =
                client.read().resource(MedicationRequest.class).withId(id).execute();
        assertThat(back.getIdentifierFirstRep().getValue()).isEqualTo("R4-HAPI-CREATE-" + encoding);

        Bundle tx = R4.newJsonParser()
                .parseResource(
                        Bundle.class,
                        read("transaction/oxycodone-cii-urn-uuid-practitioner-role-dea.json")
                                .replace("R4-OXYCODONE-TX-0001", "R4-HAPI-TX-" + encoding));
        Bundle answer = client.transaction().withBundle(tx).execute();
        assertThat(answer.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
        assertThat(answer.getEntry()).hasSize(6);
        String location = answer.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResponse)
                .filter(r -> "201 Created".equals(r.getStatus()))
                .findFirst()
                .orElseThrow()
                .getLocation();
        assertThat(newRx(location.split("/")[1])).contains("<NDC>" + OXYCODONE + "</NDC>");
    }

    private String submit(String name, String body) {
        if (name.startsWith("create/")) {
            var response = post("/fhir/r4/MedicationRequest", body);
            assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(201);
            assertThat(response.headers().firstValue("Location").orElseThrow())
                    .startsWith("/fhir/r4/MedicationRequest/");
            return response.headers().firstValue("Location").orElseThrow().split("/")[4];
        }
        if (name.startsWith("transaction/")) {
            var response = post("/fhir/r4", body);
            assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(200);
            Bundle answer = R4.newJsonParser().parseResource(Bundle.class, response.body());
            assertThat(answer.getType()).isIn(Bundle.BundleType.TRANSACTIONRESPONSE, Bundle.BundleType.BATCHRESPONSE);
            return answer.getEntry().stream()
                    .map(Bundle.BundleEntryComponent::getResponse)
                    .filter(r -> "201 Created".equals(r.getStatus()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(name + " created nothing: " + response.body()))
                    .getLocation()
                    .split("/")[1];
        }
        var response = hub().post("/api/v1/prescriptions", "application/json", body);
        assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(201);
        try {
            return JSON.readTree(response.body()).get("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> post(String path, String body) {
        return hub().post(path, "application/fhir+json", body);
    }

    private static String expression(HttpResponse<String> response) {
        return R4.newJsonParser()
                .parseResource(OperationOutcome.class, response.body())
                .getIssueFirstRep()
                .getExpression()
                .get(0)
                .getValue();
    }

    private String newRx(String id) {
        var script = hub().get("/api/v1/prescriptions/" + id + "/script");
        assertThat(script.statusCode()).as(script.body()).isEqualTo(200);
        return script.body();
    }

    private static String read(String fixture) {
        try (var in = R4IntakeIT.class.getResourceAsStream("/fixtures/intake/r4/" + fixture)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(fixture, e);
        }
    }
}
