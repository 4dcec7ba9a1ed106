/**
 * The REST edge: the API-key and body-limit filters, correlation ids, error answers as
 * OperationOutcome, FHIR formats and answers, and the read endpoints ({@code routes/rx-api.camel.yaml},
 * {@code rx-api-errors}, {@code rx-read}).
 *
 * <p>May call: support, script, eventstore, intake, intake.validation, practitioners.
 */
package io.rxflow.hub.api;
