package io.rxflow.hub.conversation;

/** What can happen to a prescription after its NewRx is prepared: the inputs of {@link ConversationState}. */
public enum Happening {
    /** Status 000/010 or Verify from the pharmacy. */
    ACKNOWLEDGED,
    /** A SCRIPT Error from the pharmacy about this prescription. */
    PHARMACY_ERROR,
    /** RxFill Dispensed. */
    DISPENSED,
    /** RxFill PartiallyDispensed. */
    PARTIALLY_DISPENSED,
    /** RxFill NotDispensed. */
    NOT_DISPENSED,
    /** RxFill Transferred (to another pharmacy). */
    TRANSFERRED,
    /** The prescriber asked the hub to cancel (a CancelRx goes out). */
    CANCEL_REQUESTED,
    /** CancelRxResponse Approved. */
    CANCEL_APPROVED,
    /** CancelRxResponse Denied. */
    CANCEL_DENIED,
    /** RxRenewalRequest from the pharmacy. */
    RENEWAL_REQUESTED,
    /** The prescriber approved the renewal. */
    RENEWAL_APPROVED,
    /** The prescriber denied the renewal. */
    RENEWAL_DENIED,
    /** RxChangeRequest from the pharmacy. */
    CHANGE_REQUESTED,
    /** The prescriber approved the change. */
    CHANGE_APPROVED,
    /** The prescriber denied the change. */
    CHANGE_DENIED
}
