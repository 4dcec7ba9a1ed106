package io.rxflow.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

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

    static Stream<Path> envelopes() {
        return Envelopes.list("valid").stream();
    }

    @ParameterizedTest
    @MethodSource("envelopes")
    void jsonFormEqualsTheHapiForm(Path fixture) throws IOException {
        IntakeRequest request =
                new IntakeParser(FHIR, JSON).fromEnvelope(Files.readAllBytes(fixture), "application/json");
        // A part sent contained in the MedicationRequest takes the HAPI way only (see the test below).
        assumeThat(request.resources().medicationRequest().hasContained()).isFalse();
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

    /** Parts that came contained are contained again under the hub's ids, and nothing dangles. */
    @ParameterizedTest
    @MethodSource("fhirShapesAndEnvelopes")
    void containsEveryPartOnceUnderTheHubsIds(Path fixture) {
        IntakeRequest request = Envelopes.parse(fixture);

        MedicationRequest stored = FHIR.newJsonParser()
                .parseResource(
                        MedicationRequest.class,
                        FHIR.newJsonParser().encodeResourceToString(ContainedForm.of(request.resources(), ID)));

        assertThat(stored.getSubject().getReference()).isEqualTo("#patient");
        assertThat(stored.getRequester().getReference()).isEqualTo("#practitioner");
        assertThat(stored.getDispenseRequest().getDispenser().getReference()).isEqualTo("#pharmacy");
        assertThat(stored.getContained())
                .extracting(r -> r.getIdElement().getIdPart())
                .doesNotHaveDuplicates()
                .contains("patient", "practitioner", "pharmacy");
        if (request.resources().medication() != null) {
            assertThat(stored.getMedication().getReference().getReference()).isEqualTo("#medication");
            assertThat(stored.getContained()).hasSize(4);
        } else {
            assertThat(stored.getContained()).hasSize(3);
        }
    }

    static Stream<Path> fhirShapesAndEnvelopes() {
        return Stream.concat(Envelopes.fhirShapes("valid").stream(), Stream.of(envelopeWithContainedMedication()));
    }

    private static Path envelopeWithContainedMedication() {
        return Envelopes.list("valid").stream()
                .filter(p -> p.getFileName().toString().equals("contained-medication-envelope.json"))
                .findFirst()
                .orElseThrow();
    }
}
