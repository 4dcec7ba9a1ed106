/**
 * Operations: business metrics counted where the flows append their events (route policies over
 * {@code rx-intake-store}, {@code rx-dispatch-record}, the dead-letter routes), outbox lag and
 * breaker-state gauges, the service gate that answers 503 while routes or the database are not
 * there, readiness, the Jolokia restrictor behind Hawtio, the trace context the outbox carries, and the
 * unit of work that carries the correlation id of a log line across threads.
 *
 * <p>May call: support, eventstore, intake, intake.validation, pharmacies.
 */
package io.rxflow.hub.ops;
