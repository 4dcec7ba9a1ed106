package io.rxflow.hub.conversation;

import io.rxflow.hub.eventstore.EventTypes;
import io.rxflow.hub.outbox.EhrPushRows;
import io.rxflow.hub.outbox.EhrPushRows.Type;
import java.util.Set;
import java.util.UUID;

/**
 * Which FHIR resource of the EHR's own server an event of the conversation changes, recorded in the
 * event's transaction ({@link EhrPushRows}): a fill its MedicationDispense, a CancelRxResponse the
 * MedicationRequest's status, a renewal or change request, the prescriber's answer and a pharmacy
 * message that leaves a request unanswered (its Task cancelled) their Task. The
 * ids are the hub's FHIR views' own, so a push sent twice updates the same resource.
 */
final class EhrChanges {
    private static final Set<String> WAITING =
            Set.of(ConversationState.RENEWAL_REQUESTED, ConversationState.CHANGE_REQUESTED);

    private final EhrPushRows rows;

    EhrChanges(EhrPushRows rows) {
        this.rows = rows;
    }

    /**
     * A pharmacy's message, accepted and appended at {@code version}, that moved the prescription from
     * {@code before} to {@code after}. Leaving a waiting renewal or change request unanswered cancels
     * that request's Task, and the EHR is told (today the state machine lets only a pharmacy Error do
     * that; a newer request would too).
     */
    void received(UUID id, String eventType, int version, String before, String after) {
        if (WAITING.contains(before) && (!WAITING.contains(after) || isRequest(eventType))) {
            rows.requestClosed(id, version);
        }
        switch (eventType) {
            case EventTypes.RX_FILL_RECEIVED -> rows.changed(id, Type.MedicationDispense, id + "-" + version);
            case EventTypes.CANCEL_RX_RESPONSE_RECEIVED -> rows.changed(id, Type.MedicationRequest, id.toString());
            case EventTypes.RX_RENEWAL_REQUESTED, EventTypes.RX_CHANGE_REQUESTED -> rows.changed(
                    id, Type.Task, TaskIds.of(id, version));
            default -> {
                // Status, Verify, Error: nothing the EHR's server is told about.
            }
        }
    }

    private static boolean isRequest(String eventType) {
        return EventTypes.RX_RENEWAL_REQUESTED.equals(eventType) || EventTypes.RX_CHANGE_REQUESTED.equals(eventType);
    }

    /** The prescriber answered the request at {@code requestVersion}: its Task is accepted or rejected. */
    void answered(UUID id, int requestVersion) {
        rows.changed(id, Type.Task, TaskIds.of(id, requestVersion));
    }
}
