package io.rxflow.hub.conversation;

import static io.rxflow.hub.conversation.Happening.*;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The prescription state machine after the NewRx (docs/conversation.md has it as a diagram). Pure:
 * given the read model's status and what happened, the next status, or empty when the transition is
 * not allowed (the caller refuses it and records the refusal, never applies it). Statuses are the
 * values of {@code prescription.status}; "sent" in the diagram is {@code dispatched} (produced to a
 * Kafka pharmacy) and an HTTP pharmacy's Status makes a prescription {@code delivered} directly.
 */
public final class ConversationState {
    public static final String PREPARED = "prepared";
    public static final String DISPATCHED = "dispatched";
    public static final String DELIVERED = "delivered";
    public static final String DISPENSED = "dispensed";
    public static final String PARTIALLY_DISPENSED = "partially_dispensed";
    public static final String NOT_DISPENSED = "not_dispensed";
    public static final String TRANSFERRED = "transferred";
    public static final String CANCEL_REQUESTED = "cancel_requested";
    public static final String CANCELLED = "cancelled";
    public static final String CANCEL_DENIED = "cancel_denied";
    public static final String RENEWAL_REQUESTED = "renewal_requested";
    public static final String RENEWED = "renewed";
    public static final String RENEWAL_DENIED = "renewal_denied";
    public static final String CHANGE_REQUESTED = "change_requested";
    public static final String CHANGED = "changed";
    public static final String CHANGE_DENIED = "change_denied";
    public static final String ERROR = "error";

    /** At the pharmacy and fillable: it may be filled, transferred, cancelled, renewed or changed. */
    private static final Set<String> AT_PHARMACY = Set.of(
            DISPATCHED,
            DELIVERED,
            DISPENSED,
            PARTIALLY_DISPENSED,
            CANCEL_DENIED,
            RENEWED,
            RENEWAL_DENIED,
            CHANGED,
            CHANGE_DENIED);

    /** Nothing more happens to these; a new order is a new prescription. */
    private static final Set<String> FINAL = Set.of(CANCELLED, TRANSFERRED, NOT_DISPENSED);

    private static final Map<Happening, Rule> RULES = rules();

    private ConversationState() {}

    /** The status after {@code happening} in {@code status}, or empty when it may not happen there. */
    public static Optional<String> next(String status, Happening happening) {
        Rule rule = RULES.get(happening);
        if (!rule.from().contains(status)) {
            return Optional.empty();
        }
        if (happening == ACKNOWLEDGED && DISPATCHED.equals(status)) {
            return Optional.of(DELIVERED);
        }
        return Optional.of(rule.to() == null ? status : rule.to());
    }

    /** The statuses from which {@code happening} is allowed (for the docs and the tests). */
    public static Set<String> allowedFrom(Happening happening) {
        return RULES.get(happening).from();
    }

    /** Every status the machine knows. */
    public static Set<String> statuses() {
        return Set.of(
                PREPARED,
                DISPATCHED,
                DELIVERED,
                DISPENSED,
                PARTIALLY_DISPENSED,
                NOT_DISPENSED,
                TRANSFERRED,
                CANCEL_REQUESTED,
                CANCELLED,
                CANCEL_DENIED,
                RENEWAL_REQUESTED,
                RENEWED,
                RENEWAL_DENIED,
                CHANGE_REQUESTED,
                CHANGED,
                CHANGE_DENIED,
                ERROR);
    }

    /** {@code to == null}: the status stays (an acknowledgement is recorded, it changes nothing). */
    private record Rule(Set<String> from, String to) {}

    private static Map<Happening, Rule> rules() {
        Map<Happening, Rule> r = new EnumMap<>(Happening.class);
        Set<String> open = union(AT_PHARMACY, Set.of(CANCEL_REQUESTED, RENEWAL_REQUESTED, CHANGE_REQUESTED));
        // Sent to a Kafka pharmacy, its Status makes it delivered (next()); later ones change nothing.
        r.put(ACKNOWLEDGED, new Rule(open, null));
        r.put(PHARMACY_ERROR, new Rule(open, ERROR));
        r.put(Happening.DISPENSED, new Rule(AT_PHARMACY, DISPENSED));
        r.put(Happening.PARTIALLY_DISPENSED, new Rule(AT_PHARMACY, PARTIALLY_DISPENSED));
        r.put(Happening.NOT_DISPENSED, new Rule(Set.of(DISPATCHED, DELIVERED, PARTIALLY_DISPENSED), NOT_DISPENSED));
        r.put(Happening.TRANSFERRED, new Rule(AT_PHARMACY, TRANSFERRED));
        r.put(Happening.CANCEL_REQUESTED, new Rule(AT_PHARMACY, CANCEL_REQUESTED));
        r.put(CANCEL_APPROVED, new Rule(Set.of(CANCEL_REQUESTED), CANCELLED));
        r.put(Happening.CANCEL_DENIED, new Rule(Set.of(CANCEL_REQUESTED), CANCEL_DENIED));
        r.put(Happening.RENEWAL_REQUESTED, new Rule(AT_PHARMACY, RENEWAL_REQUESTED));
        r.put(RENEWAL_APPROVED, new Rule(Set.of(RENEWAL_REQUESTED), RENEWED));
        r.put(Happening.RENEWAL_DENIED, new Rule(Set.of(RENEWAL_REQUESTED), RENEWAL_DENIED));
        r.put(Happening.CHANGE_REQUESTED, new Rule(AT_PHARMACY, CHANGE_REQUESTED));
        r.put(CHANGE_APPROVED, new Rule(Set.of(CHANGE_REQUESTED), CHANGED));
        r.put(Happening.CHANGE_DENIED, new Rule(Set.of(CHANGE_REQUESTED), CHANGE_DENIED));
        return r;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var all = new java.util.HashSet<>(a);
        all.addAll(b);
        all.removeAll(FINAL);
        return Set.copyOf(all);
    }
}
