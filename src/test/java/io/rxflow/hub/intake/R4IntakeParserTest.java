package io.rxflow.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.intake.validation.ValidationFailedException;
import io.rxflow.hub.support.PrescriptionResources;
import io.rxflow.hub.support.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r5.model.Identifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The US Core-style R4 fixtures under {@code fixtures/intake/r4} go through the R4 parser, the R4 to R5
 * conversion and the one reference resolver, and the R5 validator accepts them; refusals name R4 elements.
 */
class R4IntakeParserTest {
    private static final String JSON = "application/fhir+json";
    private final R4IntakeParser r4 = new R4IntakeParser(new ObjectMapper(), R4IntakeParser.DEFAULT_MAX_BUNDLE_ENTRIES);
    private final IntakeParser parser = new IntakeParser(Envelopes.FHIR, new ObjectMapper());

    static List<Path> validR4() {
        return Stream.of("create", "transaction", "envelope")
                .flatMap(folder -> list(folder).stream())
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validR4")
    void acceptsEveryUsCoreFixtureThroughTheR5Validator(Path fixture) {
        IntakeRequest request = parse(fixture);

        assertThat(request.r4()).isTrue();
        assertThat(request.fhirVersion()).isEqualTo("4.0.1");
        assertThat(Envelopes.validator().validate(request.resources())).isEmpty();
    }

    @Test
    void convertsMedicationCodeableConceptPerformerAndKeepsPatientIdentifiers() {
        PrescriptionResources r = parse(fixture("create/lisinopril-rxnorm-ndc-codeable-concept-qd.json"))
                .resources();

        var mr = r.medicationRequest();
        assertThat(mr.getMedication().getConcept().getCoding())
                .extracting(c -> c.getSystem() + "|" + c.getCode())
                .containsExactly(
                        "http://www.nlm.nih.gov/research/umls/rxnorm|314076",
                        "http://hl7.org/fhir/sid/ndc|50090-2988-00");
        assertThat(r.medication()).isNull();
        assertThat(r.pharmacy().getName()).isEqualTo("Barton Creek Pharmacy");
        assertThat(r.patient().getIdentifierFirstRep().getValue()).isEqualTo("1032702");
        // US Core race and ethnicity travel as extensions nobody reads; they do not refuse the order.
        assertThat(r.patient().getExtension()).hasSize(3);
        assertThat(mr.getDosageInstructionFirstRep()
                        .getTiming()
                        .getCode()
                        .getCodingFirstRep()
                        .getCode())
                .isEqualTo("QD");
    }

    @Test
    void takesTheDeaNumberFromThePractitionerRoleAndTheDrugFromMedicationReference() {
        PrescriptionResources r = parse(fixture("create/oxycodone-cii-contained-medication-role-dea-prn.json"))
                .resources();

        assertThat(r.practitioner().getIdentifier())
                .extracting(Identifier::getValue)
                .containsExactly("1937462855", "BR2609189");
        assertThat(r.medication().getCode().getCodingFirstRep().getCode()).isEqualTo("0406-0552-01");
        assertThat(r.medication().getDoseForm().getCodingFirstRep().getCode()).isEqualTo("385055001");
        assertThat(r.medicationRequest().getDosageInstructionFirstRep().getAsNeededFor())
                .extracting(c -> c.getText())
                .containsExactly("pain");
    }

    @Test
    void readsABatchBundleLikeATransactionAndSaysSo() throws IOException {
        R4Record record = r4.fromBundle(
                Files.readAllBytes(fixture("transaction/lisinopril-batch-relative-references.json")), JSON);

        assertThat(record.batch()).isTrue();
        assertThat(record.size()).isEqualTo(1);
        assertThat(record.request(0).shape()).isEqualTo(IntakeRequest.Shape.BATCH);
        assertThat(record.entries())
                .extracting(R4Record.Entry::type, R4Record.Entry::fate)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("MedicationRequest", R4Record.Fate.TAKEN),
                        org.assertj.core.groups.Tuple.tuple("Patient", R4Record.Fate.PART),
                        org.assertj.core.groups.Tuple.tuple("Practitioner", R4Record.Fate.PART),
                        org.assertj.core.groups.Tuple.tuple("Organization", R4Record.Fate.PART));
    }

    @Test
    void namesTheR4ElementWhenTheDrugIsCodedOnlyInSnomed() {
        IntakeRequest request = parse(fixture("invalid/medication-codeable-concept-snomed-only.json"));
        var refusal = new ValidationFailedException(Envelopes.validator().validate(request.resources()));

        var named = (ValidationFailedException) R4Names.inR4Terms(refusal);

        assertThat(named.violations())
                .extracting(Violation::expression)
                .containsExactly("MedicationRequest.medicationCodeableConcept.coding");
    }

    @Test
    void refusesAMissingPerformerNamingDispenseRequestPerformer() {
        var e = catchThrowableOfType(
                InputRejectedException.class, () -> parse(fixture("invalid/no-dispense-request-performer.json")));

        assertThat(e.expression()).isEqualTo("MedicationRequest.dispenseRequest.performer");
        assertThat(e.getMessage()).doesNotContain("dispenser");
    }

    @Test
    void refusesAPerformerThatIsNotContainedNamingTheR4Reference() {
        var e = catchThrowableOfType(
                ValidationFailedException.class, () -> parse(fixture("invalid/performer-not-contained.json")));

        assertThat(e.violations())
                .extracting(Violation::expression, Violation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "MedicationRequest.dispenseRequest.performer.reference", "reference-unresolved"));
    }

    @Test
    void refusesAnR5ResourceSentToTheR4Endpoint() throws IOException {
        byte[] r5 = Files.readAllBytes(root().resolve("valid/create/medication-concept-only.json"));

        var e = catchThrowableOfType(InputRejectedException.class, () -> r4.fromContained(r5, JSON));

        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).contains("FHIR R4 expected");
    }

    @Test
    void refusesAnR4ResourceSentToTheR5Endpoint() throws IOException {
        byte[] body = Files.readAllBytes(fixture("create/lisinopril-rxnorm-ndc-codeable-concept-qd.json"));

        var e = catchThrowableOfType(InputRejectedException.class, () -> parser.fromContained(body, JSON));

        assertThat(e.httpStatus()).isEqualTo(400);
    }

    @Test
    void refusesAnR4EnvelopeWithoutItsVersionAsBeforeAndAnUnknownVersion() throws IOException {
        String envelope = Files.readString(fixture("envelope/lisinopril-rxnorm-us-core-envelope.json"));
        byte[] unversioned =
                envelope.replace("\"fhir_version\": \"4.0.1\",", "").getBytes();
        byte[] dstu3 = envelope.replace("4.0.1", "3.0.2").getBytes();

        assertThat(catchThrowableOfType(
                                InputRejectedException.class,
                                () -> parser.fromEnvelope(unversioned, "application/json"))
                        .httpStatus())
                .isEqualTo(400);
        assertThat(catchThrowableOfType(
                                InputRejectedException.class, () -> parser.fromEnvelope(dstu3, "application/json"))
                        .expression())
                .isEqualTo("fhir_version");
    }

    @Test
    void acceptsAnR4ContentTypeAndRefusesAnR5OneOnTheR4Endpoint() {
        assertThat(R4IntakeParser.formatOf("application/fhir+json; fhirVersion=4.0"))
                .isEqualTo(FhirFormat.JSON);
        assertThat(catchThrowableOfType(
                                InputRejectedException.class,
                                () -> R4IntakeParser.formatOf("application/fhir+xml; fhirVersion=5.0"))
                        .getMessage())
                .contains("/fhir/r5");
    }

    @Test
    void readsTheStoredPrescriptionBackAsR4() {
        PrescriptionResources r = parse(fixture("create/lisinopril-rxnorm-ndc-codeable-concept-qd.json"))
                .resources();

        var mr = R4Conversion.toR4(ContainedForm.of(r, "4473dc46-8018-4f59-aeae-787e4fd6e2b9"));

        assertThat(mr.getMedicationCodeableConcept().getCodingFirstRep().getCode())
                .isEqualTo("314076");
        assertThat(mr.getDispenseRequest().getPerformer().getReference()).isEqualTo("#pharmacy");
        assertThat(mr.getContained()).extracting(c -> c.fhirType()).contains("Patient", "Practitioner", "Organization");
    }

    private IntakeRequest parse(Path fixture) {
        try {
            byte[] body = Files.readAllBytes(fixture);
            return switch (fixture.getParent().getFileName().toString()) {
                case "transaction" -> r4.fromBundle(body, JSON).request(0);
                case "envelope" -> parser.fromEnvelope(body, "application/json");
                default -> r4.fromContained(body, JSON);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(String folder) {
        try (Stream<Path> files = Files.list(root().resolve("r4").resolve(folder))) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path fixture(String relative) {
        return root().resolve("r4").resolve(relative);
    }

    private static Path root() {
        try {
            return Path.of(
                    R4IntakeParserTest.class.getResource("/fixtures/intake").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
