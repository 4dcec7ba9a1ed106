package io.rxflow.hub.conversation;

import io.rxflow.hub.eventstore.EventTypes;
import io.rxflow.hub.outbox.EhrPushRows;
import io.rxflow.hub.outbox.EhrPushRows.Type;
import java.util.UUID;

/**
 * Which FHIR resource of the EHR's own server an event of the conversation changes, recorded in the
 * event's transaction ({@link EhrPushRows}): a fill its MedicationDispense, a CancelRxResponse the
 * MedicationRequest's status, a renewal or change request and the prescriber's answer their Task. The
 * ids are the hub's FHIR views' own, so a push sent twice updates the same resource.
 */
final class EhrChanges {
    private final EhrPushRows rows;

    EhrChanges(EhrPushRows rows) {
        this.rows = rows;
    }

    /** A pharmacy's message, accepted and appended at {@code version}. */
    void received(UUID id, String eventType, int version) {
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

    /** The prescriber answered the request at {@code requestVersion}: its Task is accepted or rejected. */
    void answered(UUID id, int requestVersion) {
        rows.changed(id, Type.Task, TaskIds.of(id, requestVersion));
    }
}
