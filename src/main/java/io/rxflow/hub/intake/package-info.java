/**
 * Intake of FHIR R5 prescriptions: parsing the three accepted shapes (envelope, contained resources,
 * transaction Bundle) in JSON or XML with hardened parsers, reference resolution, the idempotency key,
 * the NewRx preparation and the intake command written in one transaction
 * ({@code routes/rx-intake.camel.yaml}).
 *
 * <p>May call: support, script, drugs, mapping, pharmacies, practitioners, eventstore, outbox, intake.validation.
 */
package io.rxflow.hub.intake;
