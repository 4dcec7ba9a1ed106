package io.rxflow.hub.intake.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.tuple;

import io.rxflow.hub.intake.Envelopes;
import io.rxflow.hub.support.PrescriptionResources;
import io.rxflow.hub.support.Violation;
import java.util.List;
import org.hl7.fhir.r5.model.DateType;
import org.hl7.fhir.r5.model.Identifier;
import org.junit.jupiter.api.Test;

class PrescriptionValidatorTest {
    private final PrescriptionValidator validator = Envelopes.validator();

    @Test
    void acceptsValidPrescription() {
        assertThat(validator.validate(Envelopes.fixture(Envelopes.CII_BY_NDC))).isEmpty();
    }

    @Test
    void reportsEveryProblemInOneAnswer() {
        var r = Envelopes.fixture(Envelopes.CII_BY_NDC);
        r.practitioner().getIdentifier().removeIf(Identifiers::isDea);
        r.patient().setGender(null);
        r.medicationRequest().getDispenseRequest().setNumberOfRepeatsAllowed(2);
        r.pharmacy().setName("Farmac\u00eda");

        assertThat(Envelopes.verdict(r))
                .containsExactlyInAnyOrder(
                        tuple(
                                "Practitioner.identifier.where(system='http://terminology.hl7.org/NamingSystem/USDEANumber')",
                                "prescriber-dea-missing"),
                        tuple("Patient.gender", "patient-gender-missing"),
                        tuple("MedicationRequest.dispenseRequest.numberOfRepeatsAllowed", "refills-cii-not-allowed"),
                        tuple("Organization.name", "text-not-ascii"));
    }

    /** Messages go back to the caller and into logs and audit rows: they must never carry PHI or identifiers. */
    @Test
    void neverEchoesTheOffendingValuesInMessages() {
        var r = Envelopes.fixture(Envelopes.CII_BY_NDC);
        List<String> secrets = List.of(
                "1234567890",
                "BA4829135",
                "123456",
                "1329847561",
                "Kath\u00e9leen",
                "O'Brien" + "x".repeat(40),
                "2096-02-14",
                "Texas",
                "7870",
                "0406052301",
                "RX-2026-AUSTIN-FAMILY-MEDICINE-0001040");
        identifier(r.practitioner().getIdentifier(), Identifiers.NPI).setValue(secrets.get(0));
        r.practitioner().getIdentifier().stream()
                .filter(Identifiers::isDea)
                .findFirst()
                .orElseThrow()
                .setValue(secrets.get(1));
        identifier(r.pharmacy().getIdentifier(), Identifiers.NCPDP_ID).setValue(secrets.get(2));
        identifier(r.pharmacy().getIdentifier(), Identifiers.NPI).setValue(secrets.get(3));
        r.patient().getNameFirstRep().getGiven().get(0).setValue(secrets.get(4));
        r.patient().getNameFirstRep().setFamily(secrets.get(5));
        r.patient().setBirthDateElement(new DateType(secrets.get(6)));
        r.patient().getAddressFirstRep().setState(secrets.get(7)).setPostalCode(secrets.get(8));
        r.medication().getCode().getCodingFirstRep().setCode(secrets.get(9));
        r.medicationRequest().getIdentifierFirstRep().setValue(secrets.get(10));

        List<Violation> violations = validator.validate(r);

        assertThat(violations).hasSize(secrets.size());
        assertThat(violations).allSatisfy(v -> assertThat(secrets)
                .noneMatch(s -> v.message().contains(s) || v.expression().contains(s)));
        assertThat(violations).extracting(Violation::message).doesNotContain("").doesNotContainNull();
    }

    @Test
    void rejectsEnvelopeWithAResourceMissing() {
        var full = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        var noPatient = new PrescriptionResources(
                full.medicationRequest(), null, full.practitioner(), full.pharmacy(), full.medication());
        var noPrescriber = new PrescriptionResources(
                full.medicationRequest(), full.patient(), null, full.pharmacy(), full.medication());
        var noPharmacy = new PrescriptionResources(
                full.medicationRequest(), full.patient(), full.practitioner(), null, full.medication());
        var noOrder = new PrescriptionResources(
                null, full.patient(), full.practitioner(), full.pharmacy(), full.medication());

        assertThat(Envelopes.verdict(noPatient)).containsExactly(tuple("Patient", "resource-missing"));
        assertThat(Envelopes.verdict(noPrescriber)).containsExactly(tuple("Practitioner", "resource-missing"));
        assertThat(Envelopes.verdict(noPharmacy)).containsExactly(tuple("Organization", "resource-missing"));
        assertThat(Envelopes.verdict(noOrder)).containsExactly(tuple("MedicationRequest", "resource-missing"));
    }

    @Test
    void leavesTheResourcesItValidatesUnchanged() {
        var r = Envelopes.fixture(Envelopes.CONCEPT);
        String before = Envelopes.FHIR.newJsonParser().encodeResourceToString(r.medicationRequest());

        validator.validate(r);

        assertThat(Envelopes.FHIR.newJsonParser().encodeResourceToString(r.medicationRequest()))
                .isEqualTo(before);
    }

    @Test
    void requiresDrugTableAndClock() {
        assertThatNullPointerException()
                .isThrownBy(() -> new PrescriptionValidator((io.rxflow.hub.drugs.DrugTable) null, Envelopes.CLOCK));
        assertThatNullPointerException()
                .isThrownBy(() -> new PrescriptionValidator((io.rxflow.hub.drugs.DrugResolver) null, Envelopes.CLOCK));
    }

    private static Identifier identifier(List<Identifier> identifiers, String system) {
        return identifiers.stream()
                .filter(id -> system.equals(id.getSystem()))
                .findFirst()
                .orElseThrow();
    }
}
