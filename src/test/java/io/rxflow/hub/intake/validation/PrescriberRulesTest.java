package io.rxflow.hub.intake.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.rxflow.hub.intake.Envelopes;
import io.rxflow.hub.support.PrescriptionResources;
import org.hl7.fhir.r5.model.Identifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrescriberRulesTest {
    private static final String NPI_PATH = "Practitioner.identifier.where(system='http://hl7.org/fhir/sid/us-npi')";
    private static final String DEA_PATH =
            "Practitioner.identifier.where(system='http://terminology.hl7.org/NamingSystem/USDEANumber')";

    private final PrescriptionValidator validator = Envelopes.validator();

    @Test
    void rejectsPrescriberWithoutNpi() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.practitioner().getIdentifier().removeIf(id -> Identifiers.NPI.equals(id.getSystem()));

        assertThat(Envelopes.verdict(r)).containsExactly(tuple(NPI_PATH, "prescriber-npi-missing"));
    }

    @Test
    void treatsNpiIdentifierWithoutValueAsMissing() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        npi(r).setValue(null);

        assertThat(Envelopes.verdict(r)).containsExactly(tuple(NPI_PATH, "prescriber-npi-missing"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567890", "123456789", "3234567893", "12345678931", "1234 67893"})
    void rejectsPrescriberNpiThatFailsFormatOrCheckDigit(String npi) {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        npi(r).setValue(npi);

        assertThat(Envelopes.verdict(r)).containsExactly(tuple(NPI_PATH, "prescriber-npi-invalid"));
    }

    @Test
    void rejectsControlledSubstanceWithoutDea() {
        var r = Envelopes.fixture(Envelopes.CII_BY_NDC);
        r.practitioner().getIdentifier().removeIf(Identifiers::isDea);

        assertThat(Envelopes.verdict(r)).containsExactly(tuple(DEA_PATH, "prescriber-dea-missing"));
    }

    @Test
    void rejectsControlledSubstanceCodedOnlyByRxNormWithoutDea() {
        var r = Envelopes.fixture(Envelopes.CII_BY_RXNORM_CONCEPT);
        r.practitioner().getIdentifier().removeIf(Identifiers::isDea);

        assertThat(Envelopes.verdict(r)).containsExactly(tuple(DEA_PATH, "prescriber-dea-missing"));
    }

    @Test
    void recognisesControlledDrugByUnhyphenatedElevenDigitNdc() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.medication().getCode().getCodingFirstRep().setCode("63304077301"); // lorazepam 1 mg, CIV
        r.medication().getCode().getCoding().remove(1); // the amlodipine RxNorm coding
        r.practitioner().getIdentifier().removeIf(Identifiers::isDea);

        assertThat(Envelopes.verdict(r)).containsExactly(tuple(DEA_PATH, "prescriber-dea-missing"));
    }

    @Test
    void acceptsNonControlledDrugFromPrescriberWithoutDea() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.practitioner().getIdentifier().removeIf(Identifiers::isDea);

        assertThat(validator.validate(r)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://terminology.hl7.org/NamingSystem/USDEANumber",
                "http://terminology.hl7.org/NamingSystem/usdeanumber",
                "v2-0203 type DEA"
            })
    void acceptsDeaUnderEveryAcceptedMarking(String marking) {
        var r = Envelopes.fixture(Envelopes.CII_BY_NDC);
        Identifier dea = dea(r);
        if (marking.startsWith("http")) {
            dea.setSystem(marking).setType(null);
        } else {
            dea.setSystem(null)
                    .getType()
                    .addCoding()
                    .setSystem(Identifiers.V2_0203)
                    .setCode("DEA");
        }

        assertThat(validator.validate(r)).isEmpty();
    }

    @Test
    void rejectsInvalidDeaEvenForNonControlledDrug() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        dea(r).setValue("BA4829135"); // check digit should be 7

        assertThat(Envelopes.verdict(r)).containsExactly(tuple(DEA_PATH, "prescriber-dea-invalid"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"BA482913", "B14829137", "ba4829137", "BA4829137-", "BA-4829137"})
    void rejectsMalformedDeaForControlledSubstance(String value) {
        var r = Envelopes.fixture(Envelopes.CII_BY_NDC);
        dea(r).setValue(value);

        assertThat(Envelopes.verdict(r)).containsExactly(tuple(DEA_PATH, "prescriber-dea-invalid"));
    }

    @Test
    void namesDeaMarkedByTypeWithTypeBasedExpression() {
        var r = Envelopes.fixture(Envelopes.CIV_BY_NDC); // DEA marked by identifier.type only
        dea(r).setValue("BR2609180");

        assertThat(Envelopes.verdict(r))
                .containsExactly(tuple(
                        "Practitioner.identifier.where(type.coding.where("
                                + "system='http://terminology.hl7.org/CodeSystem/v2-0203' and code='DEA').exists())",
                        "prescriber-dea-invalid"));
    }

    @Test
    void acceptsDeaWithInstitutionalSuffix() {
        var r = Envelopes.fixture(Envelopes.CII_BY_NDC);
        dea(r).setValue(dea(r).getValue() + "-001AB");

        assertThat(validator.validate(r)).isEmpty();
    }

    private static Identifier npi(PrescriptionResources r) {
        return r.practitioner().getIdentifier().stream()
                .filter(id -> Identifiers.NPI.equals(id.getSystem()))
                .findFirst()
                .orElseThrow();
    }

    private static Identifier dea(PrescriptionResources r) {
        return r.practitioner().getIdentifier().stream()
                .filter(Identifiers::isDea)
                .findFirst()
                .orElseThrow();
    }
}
