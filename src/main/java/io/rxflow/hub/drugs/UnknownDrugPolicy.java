package io.rxflow.hub.drugs;

/**
 * What to do with a drug found in no table (no NDC or RxNorm product match, no controlled-substance
 * match) that declares no schedule: {@code rxflow.drugs.unknown-drug-policy}.
 */
public enum UnknownDrugPolicy {
    /** Send it without DEASchedule, as a non-controlled drug (the embedded-defaults behaviour). */
    SEND_UNCONTROLLED,
    /** Refuse it (422): a controlled drug must never leave unscheduled. The production overlay's choice. */
    REFUSE
}
