package io.rxflow.hub.simulator;

import java.util.Locale;

/** What a simulated pharmacy sends the hub after it accepts a NewRx. */
public enum FollowUp {
    /** Nothing (the default). */
    NONE,
    /** RxFill Dispensed. */
    FILL,
    /** RxFill PartiallyDispensed. */
    PARTIAL_FILL,
    /** RxFill NotDispensed. */
    NOT_DISPENSED,
    /** RxFill Transferred. */
    TRANSFER,
    /** RxRenewalRequest. */
    RENEWAL,
    /** RxChangeRequest (generic substitution). */
    CHANGE,
    /** Something that is not SCRIPT at all. */
    GARBAGE,
    /** RxFill Dispensed, sent twice with the same MessageID. */
    TWICE;

    /** Reads {@code fill}, {@code partial-fill}, ... (any case, - or _). */
    public static FollowUp parse(String text) {
        String value = text == null ? "" : text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (FollowUp f : values()) {
            if (f.name().equals(value)) {
                return f;
            }
        }
        throw new IllegalArgumentException(
                "follow-up must be none, fill, partial-fill, not-dispensed, transfer, renewal, change, garbage or twice");
    }
}
