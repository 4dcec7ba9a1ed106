package io.rxflow.hub.mapping;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r5.model.Quantity;

/**
 * Units of a structured Sig dose (DoseUnitOfMeasure, NCI subset C121847). The unit of a FHIR dose is
 * read like the dispense quantity's ({@link QuantityUnits}: NCI as sent, UCUM mL, mg, ug, g, [iU], v3
 * orderableDrugForm TAB, CAP, PATCH, SUPP ...) and must then be one of these dose units. The subset
 * itself is not public: the codes and names are the NCI concepts of codes/quantity-unit-of-measure.csv
 * and strength-unit-of-measure.csv that are doses of one administration; that each is in C121847 is
 * UNCONFIRMED (tablet is seen as a dose unit in public 2017071 messages).
 */
final class DoseUnits {
    /** An NCI dose unit and the text sent with it. */
    record Unit(String code, String text) {}

    private static final Map<String, String> TEXT = Map.ofEntries(
            Map.entry("C48542", "tablet"),
            Map.entry("C48480", "capsule"),
            Map.entry("C64696", "caplet"),
            Map.entry("C28254", "milliliter"),
            Map.entry("C28253", "milligram"),
            Map.entry("C48152", "microgram"),
            Map.entry("C48155", "gram"),
            Map.entry("C48579", "international unit"),
            Map.entry("C48524", "patch"),
            Map.entry("C48539", "suppository"),
            Map.entry("C65060", "puff"),
            Map.entry("C48537", "spray"),
            Map.entry("C48506", "lozenge"));

    private DoseUnits() {}

    /** The dose unit of {@code q}, or empty when its unit is not coded or is not a dose unit. */
    static Optional<Unit> of(Quantity q) {
        String nci = QuantityUnits.nciCode(q);
        return Optional.ofNullable(nci == null ? null : TEXT.get(nci)).map(text -> new Unit(nci, text));
    }

    /** Every NCI code of the table (the hub schema's DoseUnitOfMeasureCode list must match it). */
    static Set<String> codes() {
        return TEXT.keySet();
    }
}
