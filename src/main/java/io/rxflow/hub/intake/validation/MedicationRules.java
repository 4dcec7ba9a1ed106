package io.rxflow.hub.intake.validation;

import io.rxflow.hub.drugs.DrugResolution;
import io.rxflow.hub.drugs.DrugResolver;
import io.rxflow.hub.support.Ndc;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.Medication;
import org.hl7.fhir.r5.model.MedicationRequest;

/**
 * Medication rules: a product code SCRIPT can send (NDC in a known layout, or RxNorm), its
 * description, and the DEA schedule (io.rxflow.hub.drugs) that the controlled-substance rules need.
 */
final class MedicationRules {
    static final String NDC = "http://hl7.org/fhir/sid/ndc";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    private static final int DRUG_DESCRIPTION_MAX = 105;

    private MedicationRules() {}

    /** Checks the drug and returns its DEA schedule (CI..CV), or empty when it is not controlled. */
    static Optional<String> check(MedicationRequest request, Medication medication, DrugResolver drugs, Findings f) {
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
        return schedule(request, medication, drugs, f);
    }

    /** The schedule from every source; a conflict, an invalid declaration or an unknown drug refused (422). */
    private static Optional<String> schedule(
            MedicationRequest request, Medication medication, DrugResolver drugs, Findings f) {
        DrugResolution resolution = drugs.resolve(request, medication);
        for (DrugResolution.Problem p : resolution.problems()) {
            Rule rule = Arrays.stream(Rule.values())
                    .filter(r -> r.code().equals(p.code()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no rule for " + p.code()));
            f.add(p.expression(), rule, p.message());
        }
        return resolution.schedule().map(Enum::name);
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

    private static List<Coding> withSystem(List<Coding> codings, String system) {
        return codings.stream()
                .filter(c -> system.equals(c.getSystem()) && c.hasCode())
                .toList();
    }
}
