package io.rxflow.hub.intake;

import io.rxflow.hub.support.PrescriptionResources;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.Resource;

/**
 * Which MedicationRequests of a converted R4 Bundle are prescriptions, and what becomes of every entry.
 * One MedicationRequest: it is the prescription, whatever its status (the validator says what is wrong).
 * Several: those with intent {@code order} (or {@code original-order}) and status {@code active}; the
 * others are answered as ignored, with the reason.
 */
final class R4Bundles {
    private R4Bundles() {}

    /**
     * The record of the Bundle's first {@code sent} entries (those after them are what the hub added:
     * practitioner directory resources that conditional references named).
     */
    static R4Record read(
            Bundle bundle, int sent, boolean batch, Function<MedicationRequest, PrescriptionResources> resolve) {
        List<MedicationRequest> all = bundle.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(MedicationRequest.class::isInstance)
                .map(MedicationRequest.class::cast)
                .toList();
        if (all.isEmpty()) {
            throw InputRejectedException.malformed(
                    "The Bundle holds no MedicationRequest entry", "Bundle.entry.resource");
        }
        List<IntakeRequest> requests = new ArrayList<>();
        Map<Resource, Integer> requestOf = new IdentityHashMap<>();
        Map<Resource, String> ignored = new IdentityHashMap<>();
        for (MedicationRequest mr : all) {
            String reason = all.size() == 1 ? null : whyNotAPrescription(mr);
            if (reason != null) {
                ignored.put(mr, reason);
                continue;
            }
            PrescriptionResources resolved = resolve.apply(mr);
            int index = requests.size();
            for (Resource part : new Resource[] {
                mr, resolved.patient(), resolved.practitioner(), resolved.pharmacy(), resolved.medication()
            }) {
                if (part != null) {
                    requestOf.putIfAbsent(part, index);
                }
            }
            var role = R4Prescribers.requesterRole(mr, bundle);
            if (role != null) {
                requestOf.putIfAbsent(role, index);
            }
            var shape = batch ? IntakeRequest.Shape.BATCH : IntakeRequest.Shape.TRANSACTION;
            requests.add(new IntakeRequest(
                    shape, R4Prescribers.withRoleDea(resolved, bundle), List.of(), Map.of(), R4Conversion.VERSION));
        }
        if (requests.isEmpty()) {
            throw InputRejectedException.malformed(
                    "None of the Bundle's " + all.size() + " MedicationRequest entries is an active order (intent"
                            + " 'order' and status 'active'): there is no prescription to take",
                    "Bundle.entry.resource");
        }
        return new R4Record(batch, requests, entries(bundle.getEntry().subList(0, sent), requestOf, ignored));
    }

    private static List<R4Record.Entry> entries(
            List<Bundle.BundleEntryComponent> sent, Map<Resource, Integer> requestOf, Map<Resource, String> ignored) {
        List<R4Record.Entry> entries = new ArrayList<>();
        for (var e : sent) {
            Resource r = e.getResource();
            String type = r == null ? "" : r.fhirType();
            Integer index = r == null ? null : requestOf.get(r);
            if (r instanceof MedicationRequest && index != null) {
                entries.add(new R4Record.Entry(type, R4Record.Fate.TAKEN, index, null));
            } else if (r != null && ignored.containsKey(r)) {
                entries.add(new R4Record.Entry(type, R4Record.Fate.IGNORED, -1, ignored.get(r)));
            } else if (index != null) {
                entries.add(new R4Record.Entry(type, R4Record.Fate.PART, index, null));
            } else {
                entries.add(new R4Record.Entry(
                        type,
                        R4Record.Fate.NOT_KEPT,
                        -1,
                        "not kept: the hub keeps prescriptions and the parties they refer to"));
            }
        }
        return entries;
    }

    /** Null for an active order; else why the MedicationRequest is not taken as a prescription. */
    private static String whyNotAPrescription(MedicationRequest mr) {
        var intent = mr.getIntent();
        if (intent != MedicationRequest.MedicationRequestIntent.ORDER
                && intent != MedicationRequest.MedicationRequestIntent.ORIGINALORDER) {
            return "not taken as a prescription: intent '" + (intent == null ? "" : intent.toCode())
                    + "' (only intent 'order' is a prescription)";
        }
        if (mr.getStatus() != MedicationRequest.MedicationrequestStatus.ACTIVE) {
            return "not taken as a prescription: status '"
                    + (mr.getStatus() == null ? "" : mr.getStatus().toCode()) + "' (only 'active' orders are sent)";
        }
        return null;
    }
}
