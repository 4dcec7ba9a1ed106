package io.rxflow.hub.intake.validation;

import io.rxflow.hub.support.Npi;
import java.util.List;
import org.hl7.fhir.r5.model.Identifier;

/** Identifier systems the hub accepts (reference §8) and the FHIRPath that names each kind. */
final class Identifiers {
    static final String NPI = "http://hl7.org/fhir/sid/us-npi";
    static final String NCPDP_ID = "http://terminology.hl7.org/CodeSystem/NCPDPProviderIdentificationNumber";
    static final String DEA = "http://terminology.hl7.org/NamingSystem/USDEANumber";
    // The HL7 PDMP IG spells the same naming system in lower case; both are in use.
    static final String DEA_PDMP = "http://terminology.hl7.org/NamingSystem/usdeanumber";
    static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";

    private Identifiers() {}

    /** Identifiers of {@code system}; a present identifier without a value counts as not sent. */
    static List<Identifier> withSystem(List<Identifier> identifiers, String system) {
        return identifiers.stream()
                .filter(id -> system.equals(id.getSystem()) && id.hasValue())
                .toList();
    }

    /** NPI present on {@code resource} (Practitioner or Organization) and every one passing its check digit. */
    static void checkNpi(String resource, List<Identifier> identifiers, Rule missing, Rule invalid, Findings findings) {
        String path = whereSystem(resource, NPI);
        List<Identifier> npis = withSystem(identifiers, NPI);
        if (npis.isEmpty()) {
            findings.add(path, missing, "an NPI is required (10 digits, as an identifier with system " + NPI + ")");
        } else if (!npis.stream().allMatch(id -> Npi.isValid(id.getValue()))) {
            findings.add(path, invalid, "is not a valid NPI (10 digits starting with 1 or 2, Luhn check digit)");
        }
    }

    /** FHIRPath selecting the identifiers of {@code system} on {@code resource}. */
    static String whereSystem(String resource, String system) {
        return resource + ".identifier.where(system='" + system + "')";
    }

    /** True for a DEA number, recognised by either naming-system spelling or by the v2-0203 type. */
    static boolean isDea(Identifier id) {
        return DEA.equals(id.getSystem()) || DEA_PDMP.equals(id.getSystem()) || hasDeaType(id);
    }

    /** FHIRPath naming a DEA identifier the way the sender marked it, so the EHR can find it. */
    static String deaExpression(Identifier id) {
        if (DEA.equals(id.getSystem()) || DEA_PDMP.equals(id.getSystem())) {
            return whereSystem("Practitioner", id.getSystem());
        }
        return "Practitioner.identifier.where(type.coding.where(system='" + V2_0203 + "' and code='DEA').exists())";
    }

    private static boolean hasDeaType(Identifier id) {
        return id.hasType()
                && id.getType().getCoding().stream()
                        .anyMatch(c -> V2_0203.equals(c.getSystem()) && "DEA".equals(c.getCode()));
    }
}
