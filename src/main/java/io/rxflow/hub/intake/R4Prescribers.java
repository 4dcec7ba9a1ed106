package io.rxflow.hub.intake;

import io.rxflow.hub.support.PrescriptionResources;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Identifier;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.Practitioner;
import org.hl7.fhir.r5.model.PractitionerRole;
import org.hl7.fhir.r5.model.Resource;

/**
 * US Core puts a prescriber's DEA number where the registration belongs, on the PractitionerRole (one
 * registration per state and location), or on the Practitioner. SCRIPT carries one prescriber with its
 * DEA number: when the requester is a PractitionerRole with a DEA identifier and its Practitioner has
 * none, the prescriber the hub validates and maps is the Practitioner with the role's DEA number.
 */
final class R4Prescribers {
    private static final Set<String> DEA_SYSTEMS = Set.of(
            "http://terminology.hl7.org/NamingSystem/USDEANumber",
            "http://terminology.hl7.org/NamingSystem/usdeanumber");
    private static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";

    private R4Prescribers() {}

    /** The resources with the role's DEA number on the prescriber, where that applies; else as they are. */
    static PrescriptionResources withRoleDea(PrescriptionResources r, Bundle bundle) {
        PractitionerRole role = requesterRole(r.medicationRequest(), bundle);
        if (role == null || r.practitioner().getIdentifier().stream().anyMatch(R4Prescribers::isDea)) {
            return r;
        }
        List<Identifier> dea =
                role.getIdentifier().stream().filter(R4Prescribers::isDea).toList();
        if (dea.isEmpty()) {
            return r;
        }
        Practitioner prescriber = r.practitioner().copy();
        dea.forEach(id -> prescriber.addIdentifier(id.copy()));
        return new PrescriptionResources(r.medicationRequest(), r.patient(), prescriber, r.pharmacy(), r.medication());
    }

    /** The PractitionerRole the requester names (the resolver has already checked that it resolves). */
    static PractitionerRole requesterRole(MedicationRequest mr, Bundle bundle) {
        String ref = mr.getRequester().hasReference()
                ? mr.getRequester().getReference().strip()
                : null;
        if (ref == null) {
            return null;
        }
        Resource found = null;
        if (ref.startsWith("#")) {
            for (Resource c : mr.getContained()) {
                String id = c.getIdElement().getIdPart();
                if (id != null && (id.startsWith("#") ? id.substring(1) : id).equals(ref.substring(1))) {
                    found = c;
                }
            }
        } else if (bundle != null) {
            var entries = new BundleEntries(bundle);
            found = entries.find(ref, entries.fullUrlOf(mr), "MedicationRequest.requester.reference");
        }
        return found instanceof PractitionerRole role ? role : null;
    }

    private static boolean isDea(Identifier id) {
        return DEA_SYSTEMS.contains(id.getSystem())
                || id.getType().getCoding().stream()
                        .anyMatch(c -> V2_0203.equals(c.getSystem()) && "DEA".equals(c.getCode()));
    }
}
