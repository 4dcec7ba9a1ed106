package io.rxflow.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The R5 FHIRPaths the hub's checks report, named as an R4 sender wrote the element. */
class R4NamesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '>',
            value = {
                "MedicationRequest.medication.concept.coding > MedicationRequest.medicationCodeableConcept.coding",
                "MedicationRequest.medication.reference > MedicationRequest.medicationReference",
                "MedicationRequest.medication > MedicationRequest.medication[x]",
                "MedicationRequest.dispenseRequest.dispenser > MedicationRequest.dispenseRequest.performer",
                "MedicationRequest.dispenseRequest.dispenser.reference > MedicationRequest.dispenseRequest.performer.reference",
                "MedicationRequest.reported > MedicationRequest.reportedBoolean",
                "MedicationRequest.dosageInstruction[0].asNeededFor[0].text > MedicationRequest.dosageInstruction[0].asNeededCodeableConcept.text",
                "MedicationRequest.dosageInstruction[1].asNeeded > MedicationRequest.dosageInstruction[1].asNeededBoolean",
                "MedicationRequest.reason[0].concept > MedicationRequest.reasonCode[0]",
                "Medication.doseForm > Medication.form",
                "Medication.ingredient[0].item.concept > Medication.ingredient[0].itemCodeableConcept",
                "Patient.name[0].family > Patient.name[0].family",
                "MedicationRequest.dispenseRequest.quantity.value > MedicationRequest.dispenseRequest.quantity.value",
                "MedicationRequest.requester.resolve().practitioner > MedicationRequest.requester.resolve().practitioner",
            })
    void namesTheElementAsR4SpellsIt(String r5, String r4) {
        assertThat(R4Names.r4(r5)).isEqualTo(r4);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '>',
            value = {
                "MedicationRequest.medicationCodeableConcept > MedicationRequest.medicationCodeableConcept",
                "MedicationRequest.medication[x] > MedicationRequest.medication[x]",
            })
    void leavesR4NamesAsTheyAre(String r4, String expected) {
        assertThat(R4Names.r4(r4)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void renamesPathsInsideAMessage() {
        assertThat(R4Names.r4("MedicationRequest.dispenseRequest.dispenser is required (the pharmacy)"))
                .isEqualTo("MedicationRequest.dispenseRequest.performer is required (the pharmacy)");
    }
}
