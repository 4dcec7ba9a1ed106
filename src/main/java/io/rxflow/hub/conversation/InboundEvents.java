package io.rxflow.hub.conversation;

import io.rxflow.hub.eventstore.EventTypes;

/** The event a pharmacy transaction puts on the prescription's stream. */
final class InboundEvents {
    private InboundEvents() {}

    static String type(String transaction) {
        return switch (transaction) {
            case "RxFill" -> EventTypes.RX_FILL_RECEIVED;
            case "CancelRxResponse" -> EventTypes.CANCEL_RX_RESPONSE_RECEIVED;
            case "RxRenewalRequest" -> EventTypes.RX_RENEWAL_REQUESTED;
            case "RxChangeRequest" -> EventTypes.RX_CHANGE_REQUESTED;
            default -> EventTypes.PHARMACY_REPLIED;
        };
    }
}
