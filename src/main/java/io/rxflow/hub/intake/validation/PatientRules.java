package io.rxflow.hub.intake.validation;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r5.model.Address;
import org.hl7.fhir.r5.model.HumanName;
import org.hl7.fhir.r5.model.Patient;

/** Patient rules: what a pharmacy needs to match the person (name, birth date, gender, address). */
final class PatientRules {
    private static final int ADDRESS_LINE_MAX = 40;
    private static final int CITY_MAX = 35;
    // FHIR input may hyphenate ZIP+4; the mapper strips the hyphen for SCRIPT.
    private static final Pattern US_ZIP = Pattern.compile("[0-9]{5}(-?[0-9]{4})?");
    private static final Set<String> US_COUNTRY = Set.of("US", "USA", "UNITED STATES", "UNITED STATES OF AMERICA");
    // USPS codes: states, DC, territories, freely associated states and military "states".
    private static final Set<String> US_STATES = Set.of(
            "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
            "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK",
            "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "AS", "GU", "MP",
            "PR", "VI", "UM", "FM", "MH", "PW", "AA", "AE", "AP");

    private PatientRules() {}

    static void check(Patient patient, Clock clock, Findings findings) {
        checkName(patient.getName(), findings);
        checkBirthDate(patient, clock, findings);
        if (!patient.hasGender()) {
            findings.add(
                    "Patient.gender",
                    Rule.PATIENT_GENDER_MISSING,
                    "patient gender is required (male, female, other or unknown; send unknown when it is not known)");
        }
        checkAddress(patient.getAddress(), findings);
    }

    private static void checkName(List<HumanName> names, Findings findings) {
        int carried = Names.carried(names);
        if (carried < 0) {
            findings.add(
                    "Patient.name",
                    Rule.PATIENT_NAME_MISSING,
                    "patient name is required (the official name, else the first: family and a given name)");
            return;
        }
        String path = "Patient.name[" + carried + "]";
        HumanName name = names.get(carried);
        if (!name.hasFamily()) {
            findings.add(path + ".family", Rule.PATIENT_FAMILY_NAME_MISSING, "patient family name is required");
        }
        if (name.getGiven().stream()
                .noneMatch(g -> g.hasValue() && !g.getValue().isBlank())) {
            findings.add(
                    path + ".given", Rule.PATIENT_GIVEN_NAME_MISSING, "at least one patient given name is required");
        }
        Names.checkText(path, name, findings);
    }

    private static void checkBirthDate(Patient patient, Clock clock, Findings findings) {
        if (!patient.hasBirthDateElement() || !patient.getBirthDateElement().hasValue()) {
            findings.add("Patient.birthDate", Rule.PATIENT_BIRTH_DATE_MISSING, "patient birth date is required");
        } else if (!Dates.isComplete(patient.getBirthDateElement())) {
            findings.add(
                    "Patient.birthDate",
                    Rule.PATIENT_BIRTH_DATE_INCOMPLETE,
                    "patient birth date must give year, month and day");
        } else if (Dates.isInFuture(patient.getBirthDateElement(), clock)) {
            findings.add("Patient.birthDate", Rule.PATIENT_BIRTH_DATE_IN_FUTURE, "patient birth date is in the future");
        }
    }

    private static void checkAddress(List<Address> addresses, Findings findings) {
        int carried = carriedAddress(addresses);
        if (carried < 0) {
            findings.add(
                    "Patient.address",
                    Rule.PATIENT_ADDRESS_MISSING,
                    "a patient address is required (the home address, else the first: a street line, city, and for"
                            + " the US a state and ZIP code)");
            return;
        }
        String path = "Patient.address[" + carried + "]";
        Address address = addresses.get(carried);
        if (address.getLine().stream()
                .noneMatch(l -> l.hasValue() && !l.getValue().isBlank())) {
            findings.add(path + ".line", Rule.PATIENT_ADDRESS_LINE_MISSING, "patient address needs a street line");
        }
        for (int i = 0; i < address.getLine().size(); i++) {
            findings.scriptText(
                    path + ".line[" + i + "]", address.getLine().get(i).getValue(), ADDRESS_LINE_MAX);
        }
        if (!address.hasCity() || address.getCity().isBlank()) {
            findings.add(path + ".city", Rule.PATIENT_ADDRESS_CITY_MISSING, "patient address needs a city");
        }
        findings.scriptText(path + ".city", address.getCity(), CITY_MAX);
        if (isUs(address)) {
            checkUsStateAndZip(path, address, findings);
        }
    }

    private static void checkUsStateAndZip(String path, Address address, Findings findings) {
        if (!address.hasState() || !US_STATES.contains(address.getState())) {
            findings.add(
                    path + ".state",
                    Rule.PATIENT_ADDRESS_STATE_INVALID,
                    "a US address needs a 2-letter USPS state code (e.g. TX)");
        }
        if (!address.hasPostalCode() || !US_ZIP.matcher(address.getPostalCode()).matches()) {
            findings.add(
                    path + ".postalCode",
                    Rule.PATIENT_ADDRESS_POSTAL_CODE_INVALID,
                    "a US address needs a ZIP code of 5 or 9 digits (ZIP+4 may be hyphenated)");
        }
    }

    /** The address the mapper sends: home, else the first (reference §8). */
    private static int carriedAddress(List<Address> addresses) {
        for (int i = 0; i < addresses.size(); i++) {
            if (addresses.get(i).getUse() == Address.AddressUse.HOME) {
                return i;
            }
        }
        return addresses.isEmpty() ? -1 : 0;
    }

    // The hub serves US pharmacies: an address without a country is taken to be in the US.
    private static boolean isUs(Address address) {
        return !address.hasCountry()
                || US_COUNTRY.contains(address.getCountry().strip().toUpperCase(Locale.ROOT));
    }
}
