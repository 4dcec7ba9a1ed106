/**
 * The practitioner directory: the Practitioners and Organizations an operator loads from a FHIR batch
 * or transaction Bundle (the way Synthea publishes them, {@code practitionerInformation*.json} and
 * {@code hospitalInformation*.json}), stored in PostgreSQL by identifier, and found by identifier when a
 * prescription's conditional reference names one its Bundle does not hold. FHIR R5 model, no Camel types.
 *
 * <p>May call: support.
 */
package io.rxflow.hub.practitioners;
