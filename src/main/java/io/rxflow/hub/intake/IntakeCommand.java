package io.rxflow.hub.intake;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Everything intake writes for one new prescription, prepared before the transaction opens so the
 * transaction holds only SQL. The maps are the named parameters of the SQL files under {@code sql/}.
 */
public record IntakeCommand(
        String id,
        String idempotencyKey,
        boolean controlled,
        String pharmacyNcpdpId,
        OffsetDateTime receivedAt,
        String actor,
        String correlationId,
        String medicationRequestJson,
        String status,
        String newRxMessageId,
        List<Event> events,
        Map<String, Object> outboxParams) {

    /** Status of a prescription stored with its NewRx, waiting in the outbox for dispatch. */
    public static final String STATUS_PREPARED = "prepared";

    /** Status of a prescription whose pharmacy is not in the directory: held, visible, never dropped. */
    public static final String STATUS_ROUTING_FAILED = "routing_failed";

    /** One event of the prescription's stream. */
    public record Event(int version, String type, String payloadJson) {}

    /** Parameters of {@code prescription-claim.sql}. */
    public Map<String, Object> claimParams() {
        return Map.of(
                "id", id,
                "idempotencyKey", idempotencyKey,
                "status", status,
                "controlled", controlled,
                "pharmacyNcpdpId", pharmacyNcpdpId,
                "version", events.size(),
                "medicationRequest", medicationRequestJson,
                "createdAt", receivedAt,
                "newRxMessageId", newRxMessageId);
    }

    /** True when the NewRx goes out through the outbox (its pharmacy is known). */
    public boolean routed() {
        return outboxParams != null;
    }

    /** Parameters of {@code prescription-find-by-key.sql}. */
    public Map<String, Object> keyParams() {
        return Map.of("idempotencyKey", idempotencyKey);
    }

    /** One parameter map per event, for the batched {@code event-append.sql}. */
    public List<Map<String, Object>> eventParams() {
        return eventParams(id, events, receivedAt, actor, correlationId);
    }

    /** The parameters of {@code event-append.sql} for events written together by one actor. */
    static List<Map<String, Object>> eventParams(
            String prescriptionId, List<Event> events, OffsetDateTime at, String actor, String correlationId) {
        return events.stream()
                .map(e -> Map.<String, Object>of(
                        "prescriptionId", prescriptionId,
                        "version", e.version(),
                        "eventType", e.type(),
                        "occurredAt", at,
                        "actor", actor,
                        "correlationId", correlationId,
                        "payload", e.payloadJson()))
                .toList();
    }
}
