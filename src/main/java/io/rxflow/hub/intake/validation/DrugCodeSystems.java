package io.rxflow.hub.intake.validation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r5.model.Coding;

/**
 * Names the coding systems an order used for its drug, for a refusal that says what was found and what
 * SCRIPT needs; OIDs and near-misses of NDC and RxNorm get the URI FHIR uses instead. Codes are never
 * repeated, only systems.
 */
final class DrugCodeSystems {
    static final String NEEDED = "SCRIPT carries the drug as an NDC (system " + MedicationRules.NDC + "), or as an"
            + " RxNorm code (system " + MedicationRules.RXNORM + ") for which the drug table has an NDC";

    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("http://snomed.info/sct", "SNOMED CT"),
            Map.entry("urn:oid:2.16.840.1.113883.6.88", "RxNorm by its OID: FHIR names it " + MedicationRules.RXNORM),
            Map.entry("urn:oid:2.16.840.1.113883.6.69", "NDC by its OID: FHIR names it " + MedicationRules.NDC),
            Map.entry(
                    "http://www.nlm.nih.gov/research/umls/rxnorm/",
                    "RxNorm with a trailing slash: FHIR names it " + MedicationRules.RXNORM),
            Map.entry(
                    "http://hl7.org/fhir/sid/ndc/", "NDC with a trailing slash: FHIR names it " + MedicationRules.NDC),
            Map.entry("http://www.whocc.no/atc", "WHO ATC (a drug class, not a product)"),
            Map.entry("http://fdasis.nlm.nih.gov", "UNII (a substance, not a product)"),
            Map.entry("http://va.gov/terminology/medrt", "MED-RT (a drug class, not a product)"),
            Map.entry("http://hl7.org/fhir/sid/cvx", "CVX (vaccines)"));

    private DrugCodeSystems() {}

    /** The systems of {@code codings} as an analyst reads them, e.g. "http://snomed.info/sct (SNOMED CT)". */
    static String found(List<Coding> codings) {
        Set<String> systems = new LinkedHashSet<>();
        for (Coding c : codings) {
            if (!c.hasSystem()) {
                systems.add("a coding without a system");
            } else {
                String system = c.getSystem().strip();
                String known = KNOWN.get(system);
                String noCode = c.hasCode() ? "" : ", without a code";
                systems.add(system + (known == null && noCode.isEmpty() ? "" : " (" + join(known, noCode) + ")"));
            }
        }
        return String.join("; ", systems);
    }

    private static String join(String known, String noCode) {
        return known == null ? noCode.substring(2) : known + noCode;
    }
}
