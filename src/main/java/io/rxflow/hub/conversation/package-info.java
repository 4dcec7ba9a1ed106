/**
 * The conversation with pharmacies after the NewRx: messages in on {@code POST /ncpdp/inbound}
 * (Status, Error, Verify, RxFill, CancelRxResponse, RxRenewalRequest, RxChangeRequest), each pharmacy
 * authenticated by its own directory credential, correlated to a prescription and applied through the
 * prescription state machine ({@link io.rxflow.hub.conversation.ConversationState}); the synchronous
 * SCRIPT answer (Status 000 or Error). docs/conversation.md.
 *
 * <p>May call: support, script, pharmacies, eventstore, outbox, responses.
 */
package io.rxflow.hub.conversation;
