package io.rxflow.hub.intake.validation;

import io.rxflow.hub.support.DeaNumber;
import java.util.List;
import org.hl7.fhir.r5.model.Identifier;
import org.hl7.fhir.r5.model.Practitioner;

/** Prescriber rules: NPI always, DEA number for controlled substances, and the name SCRIPT carries. */
final class PrescriberRules {
    private static final String DEA_PATH = Identifiers.whereSystem("Practitioner", Identifiers.DEA);

    private PrescriberRules() {}

    static void check(Practitioner practitioner, boolean controlled, Findings findings) {
        Identifiers.checkNpi(
                "Practitioner",
                practitioner.getIdentifier(),
                Rule.PRESCRIBER_NPI_MISSING,
                Rule.PRESCRIBER_NPI_INVALID,
                findings);
        checkDea(practitioner.getIdentifier(), controlled, findings);
        int carried = Names.carried(practitioner.getName());
        if (carried >= 0) {
            Names.checkText(
                    "Practitioner.name[" + carried + "]", practitioner.getName().get(carried), findings);
        }
    }

    /**
     * A DEA number is required only for controlled substances, but one that is sent is always
     * checked: the mapper forwards it, and a pharmacy would reject a malformed one anyway.
     */
    private static void checkDea(List<Identifier> identifiers, boolean controlled, Findings findings) {
        List<Identifier> deas = identifiers.stream()
                .filter(Identifiers::isDea)
                .filter(Identifier::hasValue)
                .toList();
        if (deas.isEmpty() && controlled) {
            findings.add(
                    DEA_PATH,
                    Rule.PRESCRIBER_DEA_MISSING,
                    "a DEA number is required to prescribe a controlled substance");
        }
        for (Identifier dea : deas) {
            if (!DeaNumber.isValid(dea.getValue())) {
                findings.add(
                        Identifiers.deaExpression(dea),
                        Rule.PRESCRIBER_DEA_INVALID,
                        "is not a valid DEA number (two letters, seven digits with check digit, optional suffix)");
            }
        }
    }
}
