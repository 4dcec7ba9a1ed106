package io.rxflow.hub.eventstore;

import java.util.Set;

/** The read model's status values ({@code prescription.status}); docs/delivery.md says when each is reached. */
public final class PrescriptionStatus {
    /** Stored with its NewRx, waiting in the outbox for dispatch. */
    public static final String PREPARED = "prepared";

    /** The pharmacy is not in the directory: held, visible, never dropped. */
    public static final String ROUTING_FAILED = "routing_failed";

    /** Produced to a Kafka pharmacy's topic; its answer comes later. */
    public static final String DISPATCHED = "dispatched";

    /** The pharmacy answered Status (or a duplicate's Error 220). */
    public static final String DELIVERED = "delivered";

    /** The pharmacy answered a permanent Error. */
    public static final String REJECTED_BY_PHARMACY = "rejected_by_pharmacy";

    /** Every delivery attempt failed; the original is parked on the dead-letter topic. */
    public static final String DISPATCH_FAILED = "dispatch_failed";

    /** A later message (CancelRx, a prescriber's response) was refused or could not be delivered. */
    public static final String ERROR = "error";

    /** States in which nothing is on its way to a pharmacy, so a new NewRx cannot make a second fill. */
    public static final Set<String> ROUTABLE = Set.of(ROUTING_FAILED, DISPATCH_FAILED, REJECTED_BY_PHARMACY);

    private PrescriptionStatus() {}
}
