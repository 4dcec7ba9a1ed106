package io.rxflow.hub.mapping;

import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r5.model.Quantity;

/**
 * The unit of {@code dispenseRequest.quantity} as an NCPDP QuantityUnitOfMeasure code (NCI subset
 * C89510). NCI codes are accepted as sent; UCUM and HL7 v3 orderableDrugForm codes are mapped where the
 * meaning is unambiguous; anything else is refused rather than guessed.
 */
final class QuantityUnits {
    static final String NCI_SYSTEM = "http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl";
    static final String UCUM_SYSTEM = "http://unitsofmeasure.org";
    static final String ORDERABLE_DRUG_FORM = "http://terminology.hl7.org/CodeSystem/v3-orderableDrugForm";

    // The whole subset (codes/quantity-unit-of-measure.csv). Which sunset codes a partner still accepts
    // is a per-partner policy; the subset is what the schema allows.
    private static final Set<String> NCI_CODES = Set.of(
            "C48473", "C62412", "C78783", "C48474", "C48475", "C53495", "C54564", "C53498", "C48476", "C48477",
            "C48478", "C48479", "C62413", "C64696", "C48480", "C54702", "C48481", "C62414", "C69093", "C48484",
            "C48489", "C16830", "C48490", "C62417", "C96265", "C64933", "C53499", "C48494", "C101680", "C48580",
            "C48155", "C69124", "C48499", "C48501", "C62275", "C62418", "C62276", "C48579", "C67283", "C28252",
            "C48504", "C120263", "C48505", "C48506", "C48491", "C48152", "C48512", "C28253", "C28254", "C28251",
            "C71204", "C100052", "C69086", "C48519", "C48520", "C48521", "C65032", "C82484", "C48524", "C120216",
            "C48529", "C48530", "C48531", "C97717", "C65060", "C111984", "C48534", "C62609", "C71324", "C48536",
            "C53502", "C48537", "C53503", "C48538", "C48539", "C53504", "C48540", "C48541", "C48542", "C62421",
            "C48543", "C48544", "C54704", "C48548", "C48549", "C38046", "C48551", "C48552");

    private static final Map<String, String> UCUM = Map.of(
            "mL", "C28254", // Milliliter
            "g", "C48155", // Gram
            "mg", "C28253", // Milligram
            "ug", "C48152", // Microgram
            "[iU]", "C48579"); // International Unit

    private static final Map<String, String> ORDERABLE = Map.ofEntries(
            Map.entry("TAB", "C48542"),
            Map.entry("CHEWTAB", "C48542"),
            Map.entry("DISINTTAB", "C48542"),
            Map.entry("DRTAB", "C48542"),
            Map.entry("ECTAB", "C48542"),
            Map.entry("ERTAB", "C48542"),
            Map.entry("FILMTAB", "C48542"),
            Map.entry("ORTAB", "C48542"),
            Map.entry("SLTAB", "C48542"),
            Map.entry("CAPLET", "C64696"),
            Map.entry("CAP", "C48480"),
            Map.entry("ENTCAP", "C48480"),
            Map.entry("ERCAP", "C48480"),
            Map.entry("PATCH", "C48524"),
            Map.entry("SUPP", "C48539"),
            Map.entry("RECSUPP", "C48539"),
            Map.entry("VAGSUPP", "C48539"),
            Map.entry("LOZ", "C48506"),
            Map.entry("TROCHE", "C48548"),
            Map.entry("WAFER", "C48552"),
            Map.entry("KIT", "C48504"));

    private QuantityUnits() {}

    /** The NCI code, or null when the unit cannot be expressed. */
    static String nciCode(Quantity q) {
        String system = q.getSystem();
        String code = q.getCode();
        if (system == null || code == null) {
            return null;
        }
        return switch (system) {
            case NCI_SYSTEM -> NCI_CODES.contains(code) ? code : null;
            case UCUM_SYSTEM -> UCUM.get(code);
            case ORDERABLE_DRUG_FORM -> ORDERABLE.get(code);
            default -> null;
        };
    }
}
