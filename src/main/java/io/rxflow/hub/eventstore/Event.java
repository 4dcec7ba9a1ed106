package io.rxflow.hub.eventstore;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** One event of a prescription's stream, at its version, before it is appended. */
public record Event(int version, String type, String payloadJson) {

    /** The parameters of the batched {@code event-append.sql} for events written together by one actor. */
    public static List<Map<String, Object>> appendParams(
            String prescriptionId, List<Event> events, OffsetDateTime at, String actor, String correlationId) {
        return events.stream()
                .map(e -> e.appendParams(prescriptionId, at, actor, correlationId))
                .toList();
    }

    /** The parameters of {@code event-append.sql} for this event. */
    public Map<String, Object> appendParams(String prescriptionId, Object at, String actor, String correlationId) {
        return Map.of(
                "prescriptionId", prescriptionId,
                "version", version,
                "eventType", type,
                "occurredAt", at,
                "actor", actor,
                "correlationId", correlationId,
                "payload", payloadJson);
    }
}
