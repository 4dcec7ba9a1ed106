/**
 * Back to the EHR: each change of the pharmacy conversation pushed to the EHR's own FHIR server
 * ({@code routes/rx-ehr-push.camel.yaml}, docs/conversation.md). The push rows the conversation writes
 * in its transactions ({@code outbox.EhrPushRows}) are claimed oldest first, one per prescription at a
 * time; each resource is built as the hub's FHIR views show it now (Task, MedicationDispense,
 * MedicationRequest) and sent with the camel-fhir component as an update (PUT, update-as-create) under
 * the view's own id, so a retry changes nothing; a failure backs off and keeps the row.
 *
 * <p>May call: support, api, conversation.
 */
package io.rxflow.hub.ehrpush;
