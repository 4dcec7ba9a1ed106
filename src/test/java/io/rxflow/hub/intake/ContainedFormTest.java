package io.rxflow.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The stored FHIR face built from the envelope's JSON equals the one HAPI builds from the resources. */
class ContainedFormTest {
    private static final FhirContext FHIR = FhirContext.forR5Cached();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "0b5e4f0e-3c1a-4a55-9f8e-2f6d7c1b9a10";

    static Stream<Path> envelopes() throws IOException {
        return Files.list(Path.of("src/test/resources/fixtures/intake/valid")).sorted();
    }

    @ParameterizedTest
    @MethodSource("envelopes")
    void jsonFormEqualsTheHapiForm(Path fixture) throws IOException {
        IntakeRequest request =
                new IntakeParser(FHIR, JSON).fromEnvelope(Files.readAllBytes(fixture), "application/json");
        assertThat(request.receivedJson()).containsKeys("medication_request", "patient", "practitioner", "pharmacy");

        MedicationRequest hapi = ContainedForm.of(request.resources(), ID);
        hapi.getMeta().setVersionId("3");
        String json = ContainedForm.json(JSON, request.receivedJson(), ID, 3);
        MedicationRequest fromJson = FHIR.newJsonParser().parseResource(MedicationRequest.class, json);

        // What a FHIR client reads is HAPI's encoding of the stored form: compare those.
        var encoder = FHIR.newJsonParser();
        assertThat(encoder.encodeResourceToString(fromJson))
                .as(fixture.getFileName().toString())
                .isEqualTo(encoder.encodeResourceToString(hapi));
        assertThat(fromJson.getContained()).hasSize(hapi.getContained().size());
        assertThat(fromJson.getSubject().getReference()).isEqualTo("#patient");
        assertThat(fromJson.getDispenseRequest().getDispenser().getReference()).isEqualTo("#pharmacy");
    }
}
