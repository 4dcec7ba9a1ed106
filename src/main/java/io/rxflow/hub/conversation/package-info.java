/**
 * The conversation with pharmacies after the NewRx (docs/conversation.md): messages in on
 * {@code POST /ncpdp/inbound} (each pharmacy with its own directory credential) and, for Kafka
 * pharmacies, on {@code ncpdp.inbound}: read (hardened, schema-checked with XPath), correlated to a
 * prescription and applied through the state machine ({@link io.rxflow.hub.conversation.ConversationState})
 * in one transaction, answered with SCRIPT Status 000 or Error. Out: the prescriber's cancel as a
 * CancelRx, and the prescriber's answers to renewal and change requests (offered as FHIR Task, mapped
 * back with the mapping package's SCRIPT to FHIR) as RxRenewalResponse and RxChangeResponse, through
 * the outbox.
 *
 * <p>May call: support, script, pharmacies, eventstore, outbox, responses, mapping.
 */
package io.rxflow.hub.conversation;
