package io.rxflow.hub.eventstore;

import java.util.Map;

/**
 * What one delivery attempt came to, written in one transaction: the consumer's de-duplication
 * record, the read model's new status, and the event on the prescription's stream.
 */
public record DispatchOutcome(
        String prescriptionId, String consumer, String messageId, String status, String eventType, String payloadJson) {

    public Map<String, Object> markParams() {
        return Map.of("consumer", consumer, "messageId", messageId);
    }

    /** {@code status} null keeps the read model's status (a follow-up message's delivery). */
    public Map<String, Object> advanceParams() {
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("prescriptionId", prescriptionId);
        params.put("status", status);
        return params;
    }

    /** The event's parameters for {@code event-append.sql}, at the version the read model moved to. */
    public Map<String, Object> eventParams(int version, String actor, String correlationId, Object occurredAt) {
        return new Event(version, eventType, payloadJson)
                .appendParams(prescriptionId, occurredAt, actor, correlationId);
    }
}
