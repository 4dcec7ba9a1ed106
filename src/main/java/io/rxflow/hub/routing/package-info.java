/**
 * Routing or re-routing a held prescription to a directory pharmacy: a new NewRx through the outbox
 * ({@code routes/rx-routing.camel.yaml}).
 *
 * <p>May call: support, pharmacies, eventstore, outbox, intake, intake.validation.
 */
package io.rxflow.hub.routing;
