package io.rxflow.hub.intake.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.rxflow.hub.intake.Envelopes;
import org.hl7.fhir.r5.model.Address;
import org.hl7.fhir.r5.model.DateType;
import org.hl7.fhir.r5.model.HumanName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PatientRulesTest {

    @Test
    void rejectsPatientWithoutName() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.patient().getName().clear();

        assertThat(Envelopes.verdict(r)).containsExactly(tuple("Patient.name", "patient-name-missing"));
    }

    @Test
    void rejectsPatientWithoutFamilyName() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.patient().getNameFirstRep().setFamily(null);

        assertThat(Envelopes.verdict(r))
                .containsExactly(tuple("Patient.name[0].family", "patient-family-name-missing"));
    }

    @Test
    void rejectsPatientWithoutGivenName() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.patient().getNameFirstRep().getGiven().clear();

        assertThat(Envelopes.verdict(r)).containsExactly(tuple("Patient.name[0].given", "patient-given-name-missing"));
    }

    @Test
    void checksTheOfficialNameWhenItIsNotFirst() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.patient()
                .getName()
                .add(0, new HumanName().setUse(HumanName.NameUse.USUAL).addGiven("Lucho"));
        r.patient().getName().get(1).getGiven().clear();

        assertThat(Envelopes.verdict(r)).containsExactly(tuple("Patient.name[1].given", "patient-given-name-missing"));
    }

    @Test
    void rejectsPatientWithoutBirthDate() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.patient().setBirthDateElement(null);

        assertThat(Envelopes.verdict(r)).containsExactly(tuple("Patient.birthDate", "patient-birth-date-missing"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1962", "1962-07"})
    void rejectsBirthDateWithoutDay(String partial) {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.patient().setBirthDateElement(new DateType(partial));

        assertThat(Envelopes.verdict(r)).containsExactly(tuple("Patient.birthDate", "patient-birth-date-incomplete"));
    }

    @Test
    void rejectsBirthDateInTheFuture() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.patient().setBirthDateElement(new DateType("2026-11-26")); // the clock reads 2026-11-24

        assertThat(Envelopes.verdict(r)).containsExactly(tuple("Patient.birthDate", "patient-birth-date-in-future"));
    }

    /** At 12:00 UTC it is already tomorrow in UTC+14, so a newborn dated "tomorrow" may be real. */
    @ParameterizedTest
    @ValueSource(strings = {"2026-11-24", "2026-11-25"})
    void acceptsNewbornBornTodaySomewhereOnEarth(String birthDate) {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.patient().setBirthDateElement(new DateType(birthDate));

        assertThat(Envelopes.verdict(r)).isEmpty();
    }

    @Test
    void rejectsPatientWithoutGender() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.patient().setGender(null);

        assertThat(Envelopes.verdict(r)).containsExactly(tuple("Patient.gender", "patient-gender-missing"));
    }

    @Test
    void rejectsPatientWithoutAddress() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.patient().getAddress().clear();

        assertThat(Envelopes.verdict(r)).containsExactly(tuple("Patient.address", "patient-address-missing"));
    }

    @Test
    void rejectsAddressWithoutStreetLine() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.patient().getAddressFirstRep().getLine().clear();

        assertThat(Envelopes.verdict(r))
                .containsExactly(tuple("Patient.address[0].line", "patient-address-line-missing"));
    }

    @Test
    void rejectsAddressWithoutCity() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.patient().getAddressFirstRep().setCity(null);

        assertThat(Envelopes.verdict(r))
                .containsExactly(tuple("Patient.address[0].city", "patient-address-city-missing"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Texas", "tx", "T", "XX", "TX "})
    void rejectsUsStateThatIsNotAUspsCode(String state) {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.patient().getAddressFirstRep().setState(state);

        assertThat(Envelopes.verdict(r))
                .containsExactly(tuple("Patient.address[0].state", "patient-address-state-invalid"));
    }

    @Test
    void rejectsUsAddressWithoutState() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.patient().getAddressFirstRep().setState(null);

        assertThat(Envelopes.verdict(r))
                .containsExactly(tuple("Patient.address[0].state", "patient-address-state-invalid"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"7870", "787021", "78702-12", "78702 1234", "7870A", "78702--1234"})
    void rejectsUsZipThatIsNotFiveOrNineDigits(String zip) {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.patient().getAddressFirstRep().setPostalCode(zip);

        assertThat(Envelopes.verdict(r))
                .containsExactly(tuple("Patient.address[0].postalCode", "patient-address-postal-code-invalid"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"78702", "787021234", "78702-1234"})
    void acceptsUsZipOfFiveOrNineDigits(String zip) {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.patient().getAddressFirstRep().setPostalCode(zip);

        assertThat(Envelopes.verdict(r)).isEmpty();
    }

    @Test
    void appliesUsStateAndZipRulesWhenCountryIsAbsent() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.patient().getAddressFirstRep().setCountry(null).setPostalCode("K1A 0B1");

        assertThat(Envelopes.verdict(r))
                .containsExactly(tuple("Patient.address[0].postalCode", "patient-address-postal-code-invalid"));
    }

    @Test
    void leavesStateAndPostalCodeOfForeignAddressToThePharmacy() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.patient().getAddressFirstRep().setCountry("CA").setState("Ontario").setPostalCode("K1A 0B1");

        assertThat(Envelopes.verdict(r)).isEmpty();
    }

    @Test
    void checksTheHomeAddressWhenSeveralAreGiven() {
        var r = Envelopes.fixture(Envelopes.NON_CONTROLLED);
        r.patient().getAddressFirstRep().setUse(null).setCity(null); // not the one that is sent
        r.patient()
                .addAddress()
                .setUse(Address.AddressUse.HOME)
                .addLine("12 Oak Ln")
                .setCity("Round Rock")
                .setState("Texas")
                .setPostalCode("78664");

        assertThat(Envelopes.verdict(r))
                .containsExactly(tuple("Patient.address[1].state", "patient-address-state-invalid"));
    }
}
