package io.rxflow.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.intake.validation.ValidationFailedException;
import io.rxflow.hub.support.Violation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.Patient;
import org.junit.jupiter.api.Test;

/** The cases the fixtures do not spell out: FHIR's bundle rules at their edges, and '#id' outside the parties. */
class ReferenceResolverTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/intake");
    private final IntakeParser parser = new IntakeParser(Envelopes.FHIR, new ObjectMapper());

    @Test
    void readsARelativeReferenceAgainstTheReferringEntrysBase() throws Exception {
        Bundle bundle = absoluteFullUrls();
        // The same Patient/123 on another server, sent first: FHIR reads Patient/123 against the
        // MedicationRequest entry's base, so the other one is not meant.
        Patient other = ((Patient) bundle.getEntryFirstRep().getResource()).copy();
        other.getNameFirstRep().setFamily("Elsewhere");
        bundle.getEntry()
                .add(
                        0,
                        new Bundle.BundleEntryComponent()
                                .setFullUrl("https://other-ehr.example.com/fhir/Patient/123")
                                .setResource(other));

        var resources = transaction(bundle).resources();

        assertThat(resources.patient().getNameFirstRep().getFamily()).isNotEqualTo("Elsewhere");
        assertThat(resources.medication()).isNotNull();
    }

    @Test
    void ignoresTheVersionOfAVersionedReference() throws Exception {
        Bundle bundle = absoluteFullUrls();
        theOrder(bundle).getSubject().setReference("https://ehr.example.org/fhir/Patient/123/_history/4");

        assertThat(transaction(bundle).resources().patient()).isNotNull();
    }

    @Test
    void refusesTwoEntriesWithOneFullUrl() throws Exception {
        Bundle bundle = absoluteFullUrls();
        bundle.addEntry()
                .setFullUrl(bundle.getEntryFirstRep().getFullUrl())
                .setResource(bundle.getEntryFirstRep().getResource().copy());

        assertThatThrownBy(() -> transaction(bundle))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("fullUrl must be unique");
    }

    @Test
    void namesADanglingLocalReferenceOutsideTheParties() throws Exception {
        String create = Files.readString(FIXTURES.resolve("valid/create/hl7-contained-medication.json"))
                .replace(
                        "\"substitution\"",
                        "\"reason\": [{\"reference\": {\"reference\": \"#problem\"}}],\n  \"substitution\"");

        assertThatThrownBy(() -> parser.fromContained(bytes(create), "application/fhir+json"))
                .isInstanceOfSatisfying(ValidationFailedException.class, e -> assertThat(e.violations())
                        .extracting(Violation::expression, Violation::rule)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(
                                "MedicationRequest.reason[0].reference.reference", "reference-unresolved")));
    }

    @Test
    void takesAPatientContainedInTheEnvelopesOrderAndStoresItTheHapiWay() throws Exception {
        var f = Envelopes.list("valid").stream()
                .filter(p -> p.getFileName().toString().equals("lisinopril-daily-envelope.json"))
                .findFirst()
                .orElseThrow();
        var json = new ObjectMapper();
        var envelope = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(f.toFile());
        var patient = (com.fasterxml.jackson.databind.node.ObjectNode) envelope.remove("patient");
        patient.put("id", "p1");
        var mr = (com.fasterxml.jackson.databind.node.ObjectNode) envelope.get("medication_request");
        mr.putArray("contained").add(patient);
        mr.putObject("subject").put("reference", "#p1");

        IntakeRequest request = parser.fromEnvelope(bytes(json.writeValueAsString(envelope)), "application/json");

        assertThat(request.resources().patient().getNameFirstRep().getFamily()).isEqualTo("Rivera");
        assertThat(request.receivedJson()).isEmpty();
    }

    private Bundle absoluteFullUrls() throws Exception {
        return Envelopes.FHIR
                .newJsonParser()
                .parseResource(
                        Bundle.class,
                        Files.readString(
                                FIXTURES.resolve("valid/transaction/absolute-fullurls-contained-medication.json")));
    }

    private IntakeRequest transaction(Bundle bundle) {
        return parser.fromTransaction(
                bytes(Envelopes.FHIR.newJsonParser().encodeResourceToString(bundle)), "application/fhir+json");
    }

    private static MedicationRequest theOrder(Bundle bundle) {
        return ReferenceResolver.theMedicationRequest(bundle);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
