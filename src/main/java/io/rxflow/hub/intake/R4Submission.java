package io.rxflow.hub.intake;

import io.rxflow.hub.practitioners.PractitionerDirectory;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.MedicationRequest;

/** An R4 transaction or batch Bundle as sent, converted to R5 and not yet read. */
public record R4Submission(Bundle bundle, boolean batch) {

    /**
     * True for a practitioner directory load (Synthea's practitionerInformation and hospitalInformation
     * Bundles): no MedicationRequest, and at least one Practitioner or Organization.
     */
    public boolean directory() {
        var resources = bundle.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r != null)
                .toList();
        return resources.stream().noneMatch(MedicationRequest.class::isInstance)
                && resources.stream().anyMatch(r -> PractitionerDirectory.TYPES.contains(r.fhirType()));
    }
}
