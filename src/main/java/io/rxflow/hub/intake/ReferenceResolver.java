package io.rxflow.hub.intake;

import io.rxflow.hub.support.PrescriptionResources;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.DomainResource;
import org.hl7.fhir.r5.model.Medication;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.Organization;
import org.hl7.fhir.r5.model.Patient;
import org.hl7.fhir.r5.model.Practitioner;
import org.hl7.fhir.r5.model.PractitionerRole;
import org.hl7.fhir.r5.model.Reference;
import org.hl7.fhir.r5.model.Resource;

/**
 * Follows a MedicationRequest's references to the resources that came with it, the same way for every
 * intake shape: {@code #id} to a contained resource, else (in a transaction) to a Bundle entry by
 * fullUrl or {@code Type/id}, else (in the envelope) to the envelope member of that role. A reference
 * that resolves to nothing is refused (422, {@code reference-unresolved}) naming the element and value.
 */
final class ReferenceResolver {
    private final Map<String, Resource> members;
    private final BundleEntries entries;
    private final boolean pharmacyOptional;

    private ReferenceResolver(Map<String, Resource> members, BundleEntries entries) {
        this(members, entries, false);
    }

    private ReferenceResolver(Map<String, Resource> members, BundleEntries entries, boolean pharmacyOptional) {
        this.members = members;
        this.entries = entries;
        this.pharmacyOptional = pharmacyOptional;
    }

    /** FHIR create: only the MedicationRequest's contained resources can be referred to. */
    static ReferenceResolver contained() {
        return new ReferenceResolver(null, null);
    }

    /** The envelope: contained resources, else the member of the role (patient, practitioner, pharmacy, medication). */
    static ReferenceResolver envelope(Map<String, Resource> members) {
        return new ReferenceResolver(Map.copyOf(members), null);
    }

    /** A transaction: contained resources and the Bundle's entries. */
    static ReferenceResolver bundle(Bundle bundle) {
        return new ReferenceResolver(null, new BundleEntries(bundle));
    }

    /**
     * An R4 Bundle (a whole patient record, as Synthea writes it): as {@link #bundle}, but an order that
     * names no pharmacy at all resolves with none and is held until routed; a dangling reference is
     * still refused.
     */
    static ReferenceResolver record(Bundle bundle) {
        return new ReferenceResolver(null, new BundleEntries(bundle), true);
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
                    "The transaction must hold exactly one MedicationRequest entry, found " + found.size(),
                    "Bundle.entry.resource");
        }
        return found.get(0);
    }

    /** Where a reference is read: the resource holding {@code #id} targets, and the fullUrl relative ones use. */
    private record Scope(DomainResource container, String fullUrl) {}

    PrescriptionResources resolve(MedicationRequest mr) {
        Scope scope = new Scope(mr, entries == null ? null : entries.fullUrlOf(mr));
        Patient patient = required(scope, mr.getSubject(), "patient", "MedicationRequest.subject", Patient.class);
        Practitioner practitioner = prescriber(scope, mr.getRequester());
        Reference dispenser = mr.getDispenseRequest().getDispenser();
        Organization pharmacy = pharmacyOptional && !dispenser.hasReference() && !dispenser.hasIdentifier()
                ? null
                : required(
                        scope,
                        dispenser,
                        "pharmacy",
                        "MedicationRequest.dispenseRequest.dispenser",
                        Organization.class);
        // No Medication is fine: medication.concept may code the drug, which the validator checks.
        Reference medicationRef = mr.getMedication().getReference();
        String medicationPath = "MedicationRequest.medication.reference";
        Found medication = find(scope, medicationRef, "medication", medicationPath);
        if (medication == null && medicationRef.hasReference()) {
            throw ReferenceRefusals.notSent(medicationPath, medicationRef.getReference(), whereToSend("medication"));
        }
        LocalReferences.check(mr);
        for (Resource part : new Resource[] {patient, practitioner, pharmacy}) {
            if (part instanceof DomainResource own && !mr.getContained().contains(part)) {
                LocalReferences.check(own);
            }
        }
        return new PrescriptionResources(
                mr,
                patient,
                practitioner,
                pharmacy,
                medication == null ? null : as(medication, Medication.class, "MedicationRequest.medication.reference"));
    }

    private Practitioner prescriber(Scope scope, Reference requester) {
        String path = "MedicationRequest.requester";
        Found found = find(scope, requester, "practitioner", path);
        if (found == null) {
            throw ReferenceRefusals.missing(
                    members != null,
                    path,
                    "practitioner",
                    "the prescriber (a Practitioner, or a PractitionerRole with its practitioner)");
        }
        if (found.resource() instanceof PractitionerRole role) {
            String rolePath = path + ".resolve().practitioner";
            Found practitioner = find(found.scope(), role.getPractitioner(), "practitioner", rolePath);
            if (practitioner == null) {
                throw ReferenceRefusals.missing(
                        members != null,
                        rolePath,
                        "practitioner",
                        "the prescriber: the PractitionerRole's practitioner");
            }
            return as(practitioner, Practitioner.class, rolePath);
        }
        if (!(found.resource() instanceof Practitioner p)) {
            throw ReferenceRefusals.wrongType(path, found.resource().fhirType(), "Practitioner or a PractitionerRole");
        }
        return p;
    }

    private <T extends Resource> T required(Scope scope, Reference ref, String member, String path, Class<T> type) {
        Found found = find(scope, ref, member, path);
        if (found == null) {
            throw ReferenceRefusals.missing(members != null, path, member, "the " + type.getSimpleName());
        }
        return as(found, type, path);
    }

    private record Found(Resource resource, Scope scope) {}

    /** The resource {@code ref} names; null when there is no reference and no envelope member for the role. */
    private Found find(Scope scope, Reference ref, String kind, String path) {
        String value = ref != null && ref.hasReference() ? ref.getReference().strip() : null;
        if (value != null && value.startsWith("#")) {
            // Contained resources share their container's scope: a contained PractitionerRole's '#prac' is a sibling.
            Resource r = contained(scope.container(), value.substring(1));
            if (r == null) {
                throw ReferenceRefusals.notContained(path, value, scope.container());
            }
            Resource sent = members == null ? null : members.get(kind);
            if (sent != null && sent.fhirType().equals(r.fhirType())) {
                throw ReferenceRefusals.sentTwice(path, value, r.fhirType(), kind);
            }
            return new Found(r, scope);
        }
        Resource member = members == null ? null : members.get(kind);
        if (member != null) {
            // The envelope pairs by role: its member is the resource, whatever the reference says.
            return new Found(member, new Scope(member instanceof DomainResource d ? d : scope.container(), null));
        }
        if (value == null) {
            if (ref != null && ref.hasIdentifier()) {
                throw ReferenceRefusals.logical(path, whereToSend(kind));
            }
            return null;
        }
        if (members != null) {
            return null; // the caller names the missing envelope member
        }
        Resource r = entries == null ? null : entries.find(value, scope.fullUrl(), path + ".reference");
        if (r == null) {
            throw ReferenceRefusals.notSent(path, value, whereToSend(kind));
        }
        DomainResource container = r instanceof DomainResource d ? d : scope.container();
        return new Found(r, new Scope(container, entries.fullUrlOf(r)));
    }

    private static Resource contained(DomainResource container, String id) {
        for (Resource r : container.getContained()) {
            String own = r.getIdElement().getIdPart();
            // HAPI has stored contained ids with and without the '#' over the years.
            if (own != null && (own.startsWith("#") ? own.substring(1) : own).equals(id)) {
                return r;
            }
        }
        return null;
    }

    private String whereToSend(String member) {
        String contained = "contained in the MedicationRequest and referred to as '#id'";
        if (members != null) {
            return "as the envelope's '" + member + "' member, or " + contained;
        }
        if (entries != null) {
            return "as a Bundle entry whose fullUrl is the reference (urn:uuid:, absolute URL, or [base]/Type/id"
                    + " read against the MedicationRequest entry's fullUrl), or " + contained;
        }
        return contained + " (or use a transaction Bundle)";
    }

    private static <T extends Resource> T as(Found found, Class<T> type, String path) {
        if (!type.isInstance(found.resource())) {
            throw ReferenceRefusals.wrongType(path, found.resource().fhirType(), type.getSimpleName());
        }
        return type.cast(found.resource());
    }
}
