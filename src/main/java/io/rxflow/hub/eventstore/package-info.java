/**
 * The event store: the append-only {@code prescription_event} stream, the {@code prescription} read
 * model beside it, and the read views over both. Tables are created by Flyway migrations under
 * {@code db/migration}; SQL lives in {@code sql/*.sql}. May call {@code support} only.
 */
package io.rxflow.hub.eventstore;
