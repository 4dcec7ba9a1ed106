/**
 * The transactional outbox: rows written in the same transaction as the events they announce, and the
 * relay that publishes them to Kafka and marks them published. May call {@code support} only.
 */
package io.rxflow.hub.outbox;
