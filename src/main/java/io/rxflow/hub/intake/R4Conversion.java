package io.rxflow.hub.intake;

import org.hl7.fhir.convertors.factory.VersionConvertorFactory_40_50;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;

/**
 * FHIR R4 to R5 and back with HAPI's version converter, so an R4 prescription takes the one R5 path
 * (references, validation, mapping, store) and a stored prescription can be read as R4.
 */
public final class R4Conversion {
    /** The FHIR version R4 senders declare; {@code 4.0} is accepted as its short form. */
    public static final String VERSION = "4.0.1";

    private R4Conversion() {}

    /** The R5 form of an R4 resource; 422 naming the R4 resource when the converter cannot express it. */
    static org.hl7.fhir.r5.model.Resource toR5(org.hl7.fhir.r4.model.Resource r4, String path) {
        try {
            return VersionConvertorFactory_40_50.convertResource(r4);
        } catch (FHIRException | IllegalArgumentException e) {
            // The converter's own message may quote the value it could not carry: never echoed (no PHI in answers).
            throw new InputRejectedException(
                    422,
                    IssueType.NOTSUPPORTED,
                    "r4-not-convertible",
                    "This FHIR R4 " + r4.fhirType() + " holds an element or code that has no place in the FHIR R5"
                            + " model the hub works on (HAPI's R4 to R5 converter refused it)",
                    path);
        }
    }

    /** The R4 form of a stored R5 MedicationRequest (its parties contained), as R4 clients read it. */
    public static org.hl7.fhir.r4.model.MedicationRequest toR4(org.hl7.fhir.r5.model.MedicationRequest r5) {
        return (org.hl7.fhir.r4.model.MedicationRequest) VersionConvertorFactory_40_50.convertResource(r5);
    }

    /** True for the versions the R4 intake takes: {@code 4.0.1}, {@code 4.0}. */
    static boolean isR4(String version) {
        return VERSION.equals(version) || "4.0".equals(version);
    }
}
