/**
 * The transactional outbox: the row (topic, key, headers, payload) written in the same transaction as
 * the events it announces, its header names, and the relay that publishes rows to Kafka and marks them
 * published ({@code rx-outbox-relay}); and the push rows of the EHRs with their own FHIR server
 * ({@code ehr_push}, sent by the ehrpush package).
 *
 * <p>May call: support.
 */
package io.rxflow.hub.outbox;
