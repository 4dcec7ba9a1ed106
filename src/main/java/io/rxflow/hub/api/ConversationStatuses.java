package io.rxflow.hub.api;

import java.util.Map;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.MedicationRequest.MedicationrequestStatus;

/**
 * What the pharmacy conversation (docs/conversation.md) makes of a MedicationRequest's {@code status}
 * and {@code statusReason}, so an EHR reading it sees the pharmacy's side, not only a tag. Statuses
 * of intake and delivery (prepared, delivered, ...) leave the resource as the EHR sent it.
 */
final class ConversationStatuses {
    private record View(MedicationrequestStatus status, String reason) {}

    private static final Map<String, View> VIEWS = Map.ofEntries(
            Map.entry("dispensed", new View(MedicationrequestStatus.ACTIVE, "Dispensed by the pharmacy")),
            Map.entry(
                    "partially_dispensed",
                    new View(MedicationrequestStatus.ACTIVE, "Partially dispensed by the pharmacy")),
            Map.entry("not_dispensed", new View(MedicationrequestStatus.STOPPED, "Not dispensed by the pharmacy")),
            Map.entry("transferred", new View(MedicationrequestStatus.ENDED, "Transferred to another pharmacy")),
            Map.entry(
                    "cancel_requested",
                    new View(MedicationrequestStatus.ACTIVE, "Cancel sent to the pharmacy, not yet answered")),
            Map.entry(
                    "cancelled",
                    new View(MedicationrequestStatus.CANCELLED, "Cancelled: the pharmacy approved the CancelRx")),
            Map.entry("cancel_denied", new View(MedicationrequestStatus.ACTIVE, "The pharmacy denied the CancelRx")),
            Map.entry("renewal_requested", new View(MedicationrequestStatus.ACTIVE, "The pharmacy asks for a renewal")),
            Map.entry("renewed", new View(MedicationrequestStatus.ACTIVE, "Renewal approved")),
            Map.entry("renewal_denied", new View(MedicationrequestStatus.ACTIVE, "Renewal denied")),
            Map.entry("change_requested", new View(MedicationrequestStatus.ACTIVE, "The pharmacy asks for a change")),
            Map.entry("changed", new View(MedicationrequestStatus.ACTIVE, "Change approved")),
            Map.entry("change_denied", new View(MedicationrequestStatus.ACTIVE, "Change denied")),
            Map.entry("error", new View(MedicationrequestStatus.ONHOLD, "The pharmacy answered with an error")));

    private ConversationStatuses() {}

    static void apply(MedicationRequest mr, String hubStatus) {
        View view = VIEWS.get(hubStatus);
        if (view == null) {
            return;
        }
        mr.setStatus(view.status());
        mr.setStatusReason(new CodeableConcept()
                .addCoding(new Coding(StoredResources.STATUS_SYSTEM, hubStatus, view.reason()))
                .setText(view.reason()));
    }
}
