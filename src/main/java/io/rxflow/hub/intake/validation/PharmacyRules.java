package io.rxflow.hub.intake.validation;

import io.rxflow.hub.support.NcpdpId;
import java.util.List;
import org.hl7.fhir.r5.model.Identifier;
import org.hl7.fhir.r5.model.Organization;

/** Pharmacy rules: the NCPDP Provider ID that routes the message, the NPI, and the business name. */
final class PharmacyRules {
    private static final String NCPDP_PATH = Identifiers.whereSystem("Organization", Identifiers.NCPDP_ID);
    private static final int BUSINESS_NAME_MAX = 70;

    private PharmacyRules() {}

    static void check(Organization pharmacy, Findings findings) {
        checkNcpdpId(pharmacy.getIdentifier(), findings);
        Identifiers.checkNpi(
                "Organization",
                pharmacy.getIdentifier(),
                Rule.PHARMACY_NPI_MISSING,
                Rule.PHARMACY_NPI_INVALID,
                findings);
        findings.scriptText("Organization.name", pharmacy.getName(), BUSINESS_NAME_MAX);
    }

    private static void checkNcpdpId(List<Identifier> identifiers, Findings findings) {
        List<Identifier> ids = Identifiers.withSystem(identifiers, Identifiers.NCPDP_ID);
        if (ids.isEmpty()) {
            findings.add(
                    NCPDP_PATH,
                    Rule.PHARMACY_NCPDP_ID_MISSING,
                    "the pharmacy's NCPDP Provider ID is required (7 digits, as an identifier with system "
                            + Identifiers.NCPDP_ID + "): it addresses the NewRx");
        } else if (!ids.stream().allMatch(id -> NcpdpId.isValid(id.getValue()))) {
            // Six-digit IDs seen in some examples are refused, not padded: padding guesses the pharmacy.
            findings.add(
                    NCPDP_PATH, Rule.PHARMACY_NCPDP_ID_INVALID, "is not a valid NCPDP Provider ID (exactly 7 digits)");
        }
    }
}
