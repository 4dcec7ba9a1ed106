package io.rxflow.hub.intake.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.rxflow.hub.intake.Envelopes;
import io.rxflow.hub.support.PrescriptionResources;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.hl7.fhir.r5.model.Annotation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SCRIPT's "an" rules on every text the hub carries: printable ASCII only, and no longer than the element. */
class ScriptTextRulesTest {

    /** Each carried text: its FHIRPath, its SCRIPT limit, and how to put a value there. */
    static Stream<Arguments> carriedTexts() {
        return Stream.of(
                text("Patient.name[0].family", 35, (r, v) -> r.patient()
                        .getNameFirstRep()
                        .setFamily(v)),
                text(
                        "Patient.name[0].given[0]",
                        35,
                        (r, v) ->
                                r.patient().getNameFirstRep().getGiven().get(0).setValue(v)),
                text("Patient.name[0].prefix[0]", 10, (r, v) -> r.patient()
                        .getNameFirstRep()
                        .addPrefix(v)),
                text("Patient.name[0].suffix[0]", 10, (r, v) -> r.patient()
                        .getNameFirstRep()
                        .addSuffix(v)),
                text("Practitioner.name[0].family", 35, (r, v) -> r.practitioner()
                        .getNameFirstRep()
                        .setFamily(v)),
                text("Practitioner.name[0].prefix[0]", 10, (r, v) -> r.practitioner()
                        .getNameFirstRep()
                        .getPrefix()
                        .get(0)
                        .setValue(v)),
                text("Patient.address[0].line[0]", 40, (r, v) -> r.patient()
                        .getAddressFirstRep()
                        .getLine()
                        .get(0)
                        .setValue(v)),
                text("Patient.address[0].city", 35, (r, v) -> r.patient()
                        .getAddressFirstRep()
                        .setCity(v)),
                text("Organization.name", 70, (r, v) -> r.pharmacy().setName(v)),
                text("Medication.code.text", 105, (r, v) -> r.medication()
                        .getCode()
                        .setText(v)),
                text("MedicationRequest.identifier[0].value", 35, (r, v) -> r.medicationRequest()
                        .getIdentifierFirstRep()
                        .setValue(v)),
                text("MedicationRequest.dosageInstruction[0].text", 1000, (r, v) -> r.medicationRequest()
                        .getDosageInstructionFirstRep()
                        .setText(v)),
                text("MedicationRequest.renderedDosageInstruction", 1000, (r, v) -> r.medicationRequest()
                        .setRenderedDosageInstruction(v)));
    }

    private static Arguments text(String path, int limit, BiConsumer<PrescriptionResources, String> put) {
        return Arguments.of(path, limit, put);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("carriedTexts")
    void acceptsTextAtExactlyTheLimit(String path, int limit, BiConsumer<PrescriptionResources, String> put) {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        put.accept(r, "A".repeat(limit));

        assertThat(Envelopes.verdict(r)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("carriedTexts")
    void rejectsTextOneCharacterOverTheLimit(String path, int limit, BiConsumer<PrescriptionResources, String> put) {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        put.accept(r, "A".repeat(limit + 1));

        assertThat(Envelopes.verdict(r)).containsExactly(tuple(path, "text-too-long"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("carriedTexts")
    void rejectsAccentedText(String path, int limit, BiConsumer<PrescriptionResources, String> put) {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        put.accept(r, "Nu\u00f1ez");

        assertThat(Envelopes.verdict(r)).containsExactly(tuple(path, "text-not-ascii"));
    }

    /** Control characters and typographic punctuation look harmless in an EHR but break SCRIPT's an type. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "Take 1 tablet\tdaily",
                "Take 1 tablet\ndaily",
                "Take 1 tablet\r\ndaily",
                "Patient\u2019s own",
                "5\u00a0mg",
                "\u0000"
            })
    void rejectsControlAndTypographicCharactersInSig(String sig) {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medicationRequest().getDosageInstructionFirstRep().setText(sig);

        assertThat(Envelopes.verdict(r))
                .containsExactly(tuple("MedicationRequest.dosageInstruction[0].text", "text-not-ascii"));
    }

    @Test
    void reportsBothWhenTextIsNonAsciiAndTooLong() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.pharmacy().setName("Farmac\u00eda " + "A".repeat(70));

        assertThat(Envelopes.verdict(r))
                .containsExactly(
                        tuple("Organization.name", "text-not-ascii"), tuple("Organization.name", "text-too-long"));
    }

    @Test
    void measuresNotesJoinedAsOneNoteElement() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medicationRequest().addNote(new Annotation().setText("A".repeat(105)));
        r.medicationRequest().addNote(new Annotation().setText("B".repeat(105))); // 105 + 1 + 105 = 211

        assertThat(Envelopes.verdict(r)).containsExactly(tuple("MedicationRequest.note.text", "text-too-long"));
    }

    @Test
    void acceptsNotesThatFitWhenJoined() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medicationRequest().addNote(new Annotation().setText("A".repeat(104)));
        r.medicationRequest().addNote(new Annotation().setText("B".repeat(105)));

        assertThat(Envelopes.verdict(r)).isEmpty();
    }

    @Test
    void namesTheNoteWithNonAsciiText() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medicationRequest().addNote(new Annotation().setText("Check BP."));
        r.medicationRequest().addNote(new Annotation().setText("Caf\u00e9 au lait spots noted."));

        assertThat(Envelopes.verdict(r)).containsExactly(tuple("MedicationRequest.note[1].text", "text-not-ascii"));
    }

    @Test
    void measuresMultiLineSigJoined() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medicationRequest().getDosageInstructionFirstRep().setText("A".repeat(500));
        r.medicationRequest().addDosageInstruction().setSequence(2).setText("B".repeat(500));

        assertThat(Envelopes.verdict(r))
                .containsExactly(tuple("MedicationRequest.dosageInstruction.text", "text-too-long"));
    }

    @Test
    void measuresSeveralMiddleNamesAsOneMiddleNameElement() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        var name = r.patient().getNameFirstRep();
        name.addGiven("B".repeat(20)).addGiven("C".repeat(20)); // given[1..] = "Alberto BBB... CCC..." > 35

        assertThat(Envelopes.verdict(r)).containsExactly(tuple("Patient.name[0].given", "text-too-long"));
    }

    @Test
    void prefersRenderedDosageInstructionOverLines() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medicationRequest().setRenderedDosageInstruction("Take 1 tablet by mouth once daily");
        r.medicationRequest().getDosageInstructionFirstRep().setText("Tab\tlet"); // not what is sent

        assertThat(Envelopes.verdict(r)).isEmpty();
    }

    @Test
    void rejectsOrderWithoutDirections() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medicationRequest().getDosageInstruction().clear();

        assertThat(Envelopes.verdict(r))
                .containsExactly(tuple("MedicationRequest.dosageInstruction", "sig-text-missing"));
    }

    /** Structured timing alone is not the legal "directions for use"; the hub never writes them. */
    @Test
    void rejectsDosageLineWithStructuredTimingOnly() {
        var r = Envelopes.fixture("valid/prednisone-taper-three-lines-in-sequence.json");
        r.medicationRequest().getDosageInstruction().get(1).setText(null);

        assertThat(Envelopes.verdict(r))
                .containsExactly(tuple("MedicationRequest.dosageInstruction[1].text", "sig-text-missing"));
    }
}
