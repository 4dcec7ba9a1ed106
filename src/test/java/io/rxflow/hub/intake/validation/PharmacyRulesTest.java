package io.rxflow.hub.intake.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.rxflow.hub.intake.Envelopes;
import io.rxflow.hub.support.PrescriptionResources;
import org.hl7.fhir.r5.model.Identifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PharmacyRulesTest {
    private static final String NCPDP_PATH = "Organization.identifier.where("
            + "system='http://terminology.hl7.org/CodeSystem/NCPDPProviderIdentificationNumber')";
    private static final String NPI_PATH = "Organization.identifier.where(system='http://hl7.org/fhir/sid/us-npi')";

    @Test
    void rejectsPharmacyWithoutNcpdpId() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.pharmacy().getIdentifier().removeIf(id -> Identifiers.NCPDP_ID.equals(id.getSystem()));

        assertThat(Envelopes.verdict(r)).containsExactly(tuple(NCPDP_PATH, "pharmacy-ncpdp-id-missing"));
    }

    /** Six digits are refused, not padded: a guessed leading zero could route to another pharmacy. */
    @ParameterizedTest
    @ValueSource(strings = {"123456", "12345678", "123456A", "123 4563", "NCPDP1234563"})
    void rejectsNcpdpIdThatIsNotSevenDigits(String value) {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        identifier(r, Identifiers.NCPDP_ID).setValue(value);

        assertThat(Envelopes.verdict(r)).containsExactly(tuple(NCPDP_PATH, "pharmacy-ncpdp-id-invalid"));
    }

    @Test
    void acceptsNcpdpIdWithLeadingZero() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        identifier(r, Identifiers.NCPDP_ID).setValue("0512347");

        assertThat(Envelopes.verdict(r)).isEmpty();
    }

    @Test
    void rejectsPharmacyWithoutNpi() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.pharmacy().getIdentifier().removeIf(id -> Identifiers.NPI.equals(id.getSystem()));

        assertThat(Envelopes.verdict(r)).containsExactly(tuple(NPI_PATH, "pharmacy-npi-missing"));
    }

    @Test
    void rejectsPharmacyNpiWithBadCheckDigit() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        Identifier npi = identifier(r, Identifiers.NPI);
        char last = npi.getValue().charAt(9);
        npi.setValue(npi.getValue().substring(0, 9) + (char) ('0' + (last - '0' + 1) % 10));

        assertThat(Envelopes.verdict(r)).containsExactly(tuple(NPI_PATH, "pharmacy-npi-invalid"));
    }

    @Test
    void rejectsPrescriberNpiFiledUnderPharmacyNcpdpSystem() {
        // A classic EHR mix-up: the right number under the wrong system must not pass as an NCPDP ID.
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        identifier(r, Identifiers.NCPDP_ID)
                .setValue(identifier(r, Identifiers.NPI).getValue());

        assertThat(Envelopes.verdict(r)).containsExactly(tuple(NCPDP_PATH, "pharmacy-ncpdp-id-invalid"));
    }

    private static Identifier identifier(PrescriptionResources r, String system) {
        return r.pharmacy().getIdentifier().stream()
                .filter(id -> system.equals(id.getSystem()))
                .findFirst()
                .orElseThrow();
    }
}
