/**
 * Intake of FHIR R5 prescriptions: parsing the three accepted shapes (envelope, contained resources,
 * transaction Bundle) in JSON or XML, validation, idempotency, the intake command written to the
 * event store, and the FHIR and API answers. May call {@code support}, {@code mapping} and
 * {@code eventstore}; the routes in {@code routes/rx-intake.camel.yaml} call its beans by name.
 */
package io.rxflow.hub.intake;
