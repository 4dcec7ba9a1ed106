package io.rxflow.hub.eventstore;

/** The event types of a prescription's stream ({@code prescription_event.event_type}); docs/architecture.md. */
public final class EventTypes {
    public static final String PRESCRIPTION_RECEIVED = "PrescriptionReceived";
    public static final String PRESCRIPTION_VALIDATED = "PrescriptionValidated";
    public static final String NEWRX_PREPARED = "NewRxPrepared";
    public static final String ROUTING_FAILED = "RoutingFailed";
    public static final String PRESCRIPTION_ROUTED = "PrescriptionRouted";
    public static final String DISPATCHED = "Dispatched";
    public static final String DISPATCH_REJECTED = "DispatchRejected";
    public static final String DISPATCH_FAILED = "DispatchFailed";
    /** An operator resent a failed NewRx (same MessageID) through the outbox; who and why in the event. */
    public static final String NEWRX_RESENT = "NewRxResent";

    public static final String PHARMACY_REPLIED = "PharmacyReplied";
    /** A pharmacy's RxFill (dispensed, partially dispensed, not dispensed, transferred); docs/conversation.md. */
    public static final String RX_FILL_RECEIVED = "RxFillReceived";
    /** The prescriber cancelled: the CancelRx (in the payload) is in the outbox. */
    public static final String CANCEL_RX_PREPARED = "CancelRxPrepared";
    /** A pharmacy's answer to the hub's CancelRx (approved or denied). */
    public static final String CANCEL_RX_RESPONSE_RECEIVED = "CancelRxResponseReceived";
    /** A pharmacy asks the prescriber to renew (RxRenewalRequest). */
    public static final String RX_RENEWAL_REQUESTED = "RxRenewalRequested";
    /** A pharmacy asks the prescriber for a change (RxChangeRequest). */
    public static final String RX_CHANGE_REQUESTED = "RxChangeRequested";
    /** The prescriber answered a renewal request: the RxRenewalResponse (in the payload) is in the outbox. */
    public static final String RX_RENEWAL_RESPONSE_PREPARED = "RxRenewalResponsePrepared";
    /** The prescriber answered a change request: the RxChangeResponse (in the payload) is in the outbox. */
    public static final String RX_CHANGE_RESPONSE_PREPARED = "RxChangeResponsePrepared";
    /**
     * A pharmacy message or a prescriber's answer the state machine does not allow in the prescription's
     * status: refused, not applied.
     */
    public static final String TRANSITION_REFUSED = "TransitionRefused";

    private EventTypes() {}
}
