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
    public static final String PHARMACY_REPLIED = "PharmacyReplied";

    private EventTypes() {}
}
