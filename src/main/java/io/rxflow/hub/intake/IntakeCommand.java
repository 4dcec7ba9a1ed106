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
        List<Event> events) {

    /** Status of a prescription once intake has stored it with its NewRx. */
    public static final String STATUS_PREPARED = "prepared";

    /** One event of the prescription's stream. */
    public record Event(int version, String type, String payloadJson) {}

    /** Parameters of {@code prescription-claim.sql}. */
    public Map<String, Object> claimParams() {
        return Map.of(
                "id", id,
                "idempotencyKey", idempotencyKey,
                "status", STATUS_PREPARED,
                "controlled", controlled,
                "pharmacyNcpdpId", pharmacyNcpdpId,
                "version", events.size(),
                "medicationRequest", medicationRequestJson,
                "createdAt", receivedAt);
    }

    /** Parameters of {@code prescription-find-by-key.sql}. */
    public Map<String, Object> keyParams() {
        return Map.of("idempotencyKey", idempotencyKey);
    }

    /** One parameter map per event, for the batched {@code event-append.sql}. */
    public List<Map<String, Object>> eventParams() {
        return events.stream()
                .map(e -> Map.<String, Object>of(
                        "prescriptionId", id,
                        "version", e.version(),
                        "eventType", e.type(),
                        "occurredAt", receivedAt,
                        "actor", actor,
                        "correlationId", correlationId,
                        "payload", e.payloadJson()))
                .toList();
    }
}
