/**
 * The event store: the append-only {@code prescription_event} stream and the {@code prescription} read
 * model beside it. Owns the event types and statuses, the parameters every writer appends with, the
 * outcome of a delivery, and the read views. Tables come from Flyway migrations under
 * {@code db/migration}; SQL lives in {@code sql/*.sql}.
 *
 * <p>May call: support.
 */
package io.rxflow.hub.eventstore;
