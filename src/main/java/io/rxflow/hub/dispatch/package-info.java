/**
 * Delivery to pharmacies: one route and circuit breaker per pharmacy from the YAML templates, the
 * conversion to the pharmacy's SCRIPT version, the HTTP client, the outcome of every attempt and its
 * group-committed recording ({@code DispatchRecorder}), and the
 * directory as operators see it ({@code routes/rx-dispatch.camel.yaml}, {@code rx-dead-letter},
 * {@code rx-pharmacies}).
 *
 * <p>May call: support, script, pharmacies, eventstore, outbox, responses.
 */
package io.rxflow.hub.dispatch;
