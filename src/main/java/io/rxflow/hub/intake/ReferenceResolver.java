package io.rxflow.hub.intake;

import io.rxflow.hub.support.PrescriptionResources;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Medication;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.Organization;
import org.hl7.fhir.r5.model.Patient;
import org.hl7.fhir.r5.model.Practitioner;
import org.hl7.fhir.r5.model.PractitionerRole;
import org.hl7.fhir.r5.model.Reference;
import org.hl7.fhir.r5.model.Resource;

/** Follows a MedicationRequest's references to the resources that came with it. */
final class ReferenceResolver {
    private final Map<String, Resource> byReference;

    private ReferenceResolver(Map<String, Resource> byReference) {
        this.byReference = byReference;
    }

    /** Resolves {@code #id} references to the MedicationRequest's contained resources. */
    static ReferenceResolver contained(MedicationRequest mr) {
        Map<String, Resource> index = new HashMap<>();
        for (Resource r : mr.getContained()) {
            String id = r.getIdElement().getIdPart();
            if (id != null) {
                index.put("#" + (id.startsWith("#") ? id.substring(1) : id), r);
            }
        }
        return new ReferenceResolver(index);
    }

    /** Resolves {@code urn:uuid:}, absolute and {@code Type/id} references to the Bundle's entries. */
    static ReferenceResolver bundle(Bundle bundle) {
        Map<String, Resource> index = new HashMap<>();
        for (var entry : bundle.getEntry()) {
            Resource r = entry.getResource();
            if (r == null) {
                continue;
            }
            if (entry.hasFullUrl()) {
                index.put(entry.getFullUrl(), r);
            }
            if (r.getIdElement().hasIdPart()) {
                index.put(r.fhirType() + "/" + r.getIdElement().getIdPart(), r);
            }
        }
        return new ReferenceResolver(index);
    }

    /** The single MedicationRequest a transaction must hold. */
    static MedicationRequest theMedicationRequest(Bundle bundle) {
        List<MedicationRequest> found = bundle.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(MedicationRequest.class::isInstance)
                .map(MedicationRequest.class::cast)
                .toList();
        if (found.size() != 1) {
            throw InputRejectedException.malformed(
                    "The transaction must hold exactly one MedicationRequest, found " + found.size(),
                    "Bundle.entry.resource");
        }
        return found.get(0);
    }

    PrescriptionResources resolve(MedicationRequest mr) {
        Patient patient = follow(mr.getSubject(), Patient.class, "MedicationRequest.subject");
        Practitioner practitioner = prescriber(mr.getRequester());
        Organization pharmacy = follow(
                mr.getDispenseRequest().getDispenser(),
                Organization.class,
                "MedicationRequest.dispenseRequest.dispenser");
        Medication medication = null;
        if (mr.getMedication().hasReference()) {
            medication = follow(
                    mr.getMedication().getReference(), Medication.class, "MedicationRequest.medication.reference");
        }
        return new PrescriptionResources(mr, patient, practitioner, pharmacy, medication);
    }

    private Practitioner prescriber(Reference requester) {
        String path = "MedicationRequest.requester";
        Resource r = lookup(requester, path);
        if (r instanceof PractitionerRole role) {
            return follow(role.getPractitioner(), Practitioner.class, path + ".resolve().practitioner");
        }
        return as(r, Practitioner.class, path);
    }

    private <T extends Resource> T follow(Reference reference, Class<T> type, String path) {
        return as(lookup(reference, path), type, path);
    }

    private Resource lookup(Reference reference, String path) {
        if (reference == null || !reference.hasReference()) {
            throw InputRejectedException.malformed(path + " is missing", path);
        }
        Resource r = byReference.get(reference.getReference());
        if (r == null) {
            throw InputRejectedException.malformed(
                    path + " refers to a resource that was not sent with the request", path + ".reference");
        }
        return r;
    }

    private static <T extends Resource> T as(Resource r, Class<T> type, String path) {
        if (!type.isInstance(r)) {
            throw InputRejectedException.malformed(
                    path + " must refer to a " + type.getSimpleName() + ", not a " + r.fhirType(), path);
        }
        return type.cast(r);
    }
}
