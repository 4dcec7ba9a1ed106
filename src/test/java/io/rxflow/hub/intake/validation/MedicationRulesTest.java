package io.rxflow.hub.intake.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.rxflow.hub.drugs.DrugResolver;
import io.rxflow.hub.drugs.DrugTable;
import io.rxflow.hub.drugs.UnknownDrugPolicy;
import io.rxflow.hub.intake.Envelopes;
import java.io.InputStream;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.CodeableReference;
import org.hl7.fhir.r5.model.Coding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MedicationRulesTest {
    private static final String NDC_PATH = "Medication.code.coding.where(system='http://hl7.org/fhir/sid/ndc')";

    @ParameterizedTest
    @ValueSource(strings = {"0093-3158-05", "51655-089-52", "58118-1397-3", "00093-3158-05", "00093315805"})
    void acceptsNdcInEveryRecognisedLayout(String ndc) {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medication().getCode().getCodingFirstRep().setCode(ndc);

        assertThat(Envelopes.verdict(r)).isEmpty();
    }

    @Test
    void rejectsUnhyphenatedTenDigitNdcAsAmbiguous() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medication().getCode().getCodingFirstRep().setCode("0093315805");

        assertThat(Envelopes.verdict(r)).containsExactly(tuple(NDC_PATH, "medication-ndc-invalid"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"093-3158-05", "0093-315-05", "0093-3158-5", "000093-3158-05", "0093.3158.05"})
    void rejectsNdcInUnknownLayout(String ndc) {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medication().getCode().getCodingFirstRep().setCode(ndc);

        assertThat(Envelopes.verdict(r)).containsExactly(tuple(NDC_PATH, "medication-ndc-invalid"));
    }

    @Test
    void acceptsRxNormCodeWithoutNdc() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medication().getCode().getCoding().remove(0);

        assertThat(Envelopes.verdict(r)).isEmpty();
    }

    @Test
    void rejectsMedicationCodedInNeitherNdcNorRxNorm() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medication().getCode().getCoding().clear();
        r.medication().getCode().addCoding(new Coding("http://snomed.info/sct", "386864001", "Amlodipine"));

        assertThat(Envelopes.verdict(r))
                .containsExactly(tuple("Medication.code.coding", "medication-code-system-unsupported"));
    }

    /** Issue 10: a SNOMED CT-coded drug was told "names no medication"; it must hear what was found and what is needed. */
    @Test
    void tellsWhichSystemsWereFoundAndWhichScriptNeeds() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medication().getCode().getCoding().clear();
        r.medication().getCode().addCoding(new Coding("http://snomed.info/sct", "386864001", "Amlodipine"));
        r.medication().getCode().addCoding(new Coding("urn:oid:2.16.840.1.113883.6.88", "197361", null));

        String message = Envelopes.validator().validate(r).get(0).message();

        assertThat(message)
                .contains("http://snomed.info/sct (SNOMED CT)")
                .contains("urn:oid:2.16.840.1.113883.6.88 (RxNorm by its OID: FHIR names it " + MedicationRules.RXNORM)
                .contains("NDC (system " + MedicationRules.NDC + ")")
                .contains("RxNorm code (system " + MedicationRules.RXNORM + ") for which the drug table has an NDC")
                .doesNotContain("names no medication")
                .doesNotContain("386864001")
                .doesNotContain("197361");
    }

    @Test
    void saysTextAloneIsNotACode() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medication().setCode(new CodeableConcept().setText("Amlodipine 5 mg"));

        assertThat(Envelopes.validator().validate(r)).singleElement().satisfies(v -> {
            assertThat(v.expression()).isEqualTo("Medication.code");
            assertThat(v.rule()).isEqualTo("medication-code-missing");
            assertThat(v.message()).contains("has no coding").contains(MedicationRules.NDC);
        });
    }

    @Test
    void rejectsCompoundWithoutProductCode() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medication().setCode(new CodeableConcept().setText("Magic mouthwash"));
        r.medication().addIngredient().setItem(new CodeableReference(new CodeableConcept().setText("Lidocaine")));

        assertThat(Envelopes.verdict(r)).containsExactly(tuple("Medication.code", "medication-code-missing"));
    }

    @Test
    void namesTheInlineConceptWhenNoMedicationResourceIsSent() {
        var r = Envelopes.fixture(Envelopes.CONCEPT);
        r.medicationRequest().getMedication().getConcept().getCodingFirstRep().setSystem("http://snomed.info/sct");

        assertThat(Envelopes.verdict(r))
                .containsExactly(
                        tuple("MedicationRequest.medication.concept.coding", "medication-code-system-unsupported"));
    }

    @Test
    void rejectsOrderThatNamesNoMedicationAtAll() {
        var r = Envelopes.fixture(Envelopes.CONCEPT);
        r.medicationRequest().setMedication(new CodeableReference());

        assertThat(Envelopes.verdict(r))
                .containsExactly(tuple("MedicationRequest.medication", "medication-code-missing"));
    }

    @Test
    void checksInlineNdcUnderTheConceptPath() {
        var r = Envelopes.fixture(Envelopes.CONCEPT);
        r.medicationRequest().getMedication().getConcept().addCoding(new Coding(MedicationRules.NDC, "93735601", null));

        assertThat(Envelopes.verdict(r))
                .containsExactly(tuple(
                        "MedicationRequest.medication.concept.coding.where(system='http://hl7.org/fhir/sid/ndc')",
                        "medication-ndc-invalid"));
    }

    /** Without code.text the display of the coding the mapper sends becomes DrugDescription. */
    @Test
    void checksDisplayOfSentCodingWhenThereIsNoText() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medication().getCode().setText(null);
        r.medication().getCode().getCoding().get(0).setDisplay("Amlodipine 5 mg " + "x".repeat(100));

        assertThat(Envelopes.verdict(r)).containsExactly(tuple("Medication.code.coding[0].display", "text-too-long"));
    }

    @Test
    void ignoresDisplayOfCodingThatIsNotSentWhenThereIsNoText() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medication().getCode().setText(null);
        r.medication().getCode().getCoding().get(1).setDisplay("Amlodipine 5 mg " + "x".repeat(100)); // RxNorm

        assertThat(Envelopes.verdict(r)).isEmpty();
    }

    @Test
    void schedulesHydrocodoneAcetaminophenWithAnUnlistedNdcAsScheduleII() throws Exception {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medication()
                .setCode(new CodeableConcept()
                        .setText("Hydrocodone Bitartrate and Acetaminophen Tablets 5 mg/325 mg")
                        .addCoding(new Coding(MedicationRules.NDC, "0591-0385-01", null)));

        var findings = new Findings();
        var schedule = MedicationRules.check(
                r.medicationRequest(), r.medication(), resolver(UnknownDrugPolicy.REFUSE), findings);

        assertThat(schedule).contains("CII");
        assertThat(findings.list()).isEmpty();
    }

    @Test
    void refusesADrugNoTableKnowsUnderTheRefusePolicyOnly() throws Exception {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medication()
                .setCode(new CodeableConcept()
                        .setText("Zetaprofen 10 mg tablet")
                        .addCoding(new Coding(MedicationRules.NDC, "12345-6789-01", null)));

        var refusing = new PrescriptionValidator(resolver(UnknownDrugPolicy.REFUSE), Envelopes.CLOCK);
        var sending = new PrescriptionValidator(resolver(UnknownDrugPolicy.SEND_UNCONTROLLED), Envelopes.CLOCK);

        assertThat(refusing.validate(r))
                .extracting(v -> tuple(v.expression(), v.rule()))
                .containsExactly(tuple("Medication.code", "drug-unknown"));
        assertThat(sending.validate(r)).isEmpty();
        assertThat(refusing.validate(Envelopes.fixture(Envelopes.NON_CONTROLLED)))
                .isEmpty();
    }

    private static DrugResolver resolver(UnknownDrugPolicy policy) throws Exception {
        try (InputStream csv = MedicationRulesTest.class.getResourceAsStream("/config/drugs.csv")) {
            return DrugResolver.builder()
                    .starter(DrugTable.load(csv, "config/drugs.csv"))
                    .unknownDrugPolicy(policy)
                    .build();
        }
    }
}
