package io.rxflow.hub.intake.validation;

import io.rxflow.hub.drugs.DrugTable;
import io.rxflow.hub.support.Ndc;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.Medication;
import org.hl7.fhir.r5.model.MedicationRequest;

/**
 * Medication rules: a product code SCRIPT can send (NDC in a known layout, or RxNorm), its
 * description, and the DEA schedule from the drug table that the controlled-substance rules need.
 */
final class MedicationRules {
    static final String NDC = "http://hl7.org/fhir/sid/ndc";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    private static final int DRUG_DESCRIPTION_MAX = 105;
    // Strictest first. A value outside this list ranks strictest too: a table typo must not
    // quietly turn a controlled drug into an uncontrolled one.
    private static final List<String> SCHEDULES = List.of("CI", "CII", "CIII", "CIV", "CV");

    private MedicationRules() {}

    /** Checks the drug and returns its DEA schedule (CI..CV), or empty when it is not controlled. */
    static Optional<String> check(MedicationRequest request, Medication medication, DrugTable drugs, Findings f) {
        String path;
        CodeableConcept code;
        if (medication != null) {
            path = "Medication.code";
            code = medication.hasCode() ? medication.getCode() : new CodeableConcept();
        } else if (request.hasMedication() && request.getMedication().hasConcept()) {
            path = "MedicationRequest.medication.concept";
            code = request.getMedication().getConcept();
        } else {
            f.add(
                    "MedicationRequest.medication",
                    Rule.MEDICATION_CODE_MISSING,
                    "has neither a concept nor a reference: the order must name the drug, as a concept coded with"
                            + " an NDC or RxNorm code, or as a reference to a Medication sent with it");
            return Optional.empty();
        }
        checkCodes(path, code.getCoding(), medication != null && medication.hasIngredient(), f);
        checkDescription(path, code, f);
        return schedule(code.getCoding(), drugs);
    }

    private static void checkCodes(String path, List<Coding> codings, boolean hasIngredients, Findings f) {
        List<Coding> ndcs = withSystem(codings, NDC);
        if (ndcs.isEmpty() && withSystem(codings, RXNORM).isEmpty()) {
            if (!codings.isEmpty()) {
                // Coded, just not in a system SCRIPT can carry: say what came and what is needed.
                f.add(
                        path + ".coding",
                        Rule.MEDICATION_CODE_SYSTEM_UNSUPPORTED,
                        "codes the drug only in " + DrugCodeSystems.found(codings) + "; " + DrugCodeSystems.NEEDED
                                + ": add such a coding");
            } else if (hasIngredients) {
                f.add(
                        path,
                        Rule.MEDICATION_CODE_MISSING,
                        "is absent and the Medication is defined by its ingredients (a compound), which the hub"
                                + " cannot send yet; " + DrugCodeSystems.NEEDED);
            } else {
                f.add(
                        path,
                        Rule.MEDICATION_CODE_MISSING,
                        "has no coding (text alone cannot be sent); " + DrugCodeSystems.NEEDED);
            }
        }
        if (ndcs.stream().anyMatch(c -> Ndc.toEleven(c.getCode()).isEmpty())) {
            f.add(
                    path + ".coding.where(system='" + NDC + "')",
                    Rule.MEDICATION_NDC_INVALID,
                    "is not an NDC in a known layout (hyphenated 4-4-2, 5-3-2, 5-4-1 or 11 digits; an unhyphenated"
                            + " 10-digit code is ambiguous)");
        }
    }

    /** DrugDescription: the concept's text, else the display of the coding the mapper sends. */
    private static void checkDescription(String path, CodeableConcept code, Findings f) {
        if (code.hasText()) {
            f.scriptText(path + ".text", code.getText(), DRUG_DESCRIPTION_MAX);
            return;
        }
        int used = indexOfSent(code.getCoding());
        if (used >= 0) {
            f.scriptText(
                    path + ".coding[" + used + "].display",
                    code.getCoding().get(used).getDisplay(),
                    DRUG_DESCRIPTION_MAX);
        }
    }

    private static int indexOfSent(List<Coding> codings) {
        for (String system : List.of(NDC, RXNORM)) {
            for (int i = 0; i < codings.size(); i++) {
                if (system.equals(codings.get(i).getSystem()) && codings.get(i).hasCode()) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Any coding the table knows as controlled makes the order controlled; the strictest schedule wins. */
    static Optional<String> schedule(List<Coding> codings, DrugTable drugs) {
        return codings.stream()
                .map(c -> lookUp(c, drugs))
                .flatMap(Optional::stream)
                .filter(DrugTable.Drug::controlled)
                .map(d -> d.deaSchedule().strip())
                .min(Comparator.comparingInt(SCHEDULES::indexOf));
    }

    private static Optional<DrugTable.Drug> lookUp(Coding coding, DrugTable drugs) {
        if (NDC.equals(coding.getSystem())) {
            return Ndc.toEleven(coding.getCode()).flatMap(ndc11 -> drugs.find(ndc11, null));
        }
        if (RXNORM.equals(coding.getSystem()) && coding.hasCode()) {
            return drugs.find(null, coding.getCode().strip());
        }
        return Optional.empty();
    }

    private static List<Coding> withSystem(List<Coding> codings, String system) {
        return codings.stream()
                .filter(c -> system.equals(c.getSystem()) && c.hasCode())
                .toList();
    }
}
