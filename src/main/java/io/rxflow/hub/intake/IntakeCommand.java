package io.rxflow.hub.intake;

import io.rxflow.hub.eventstore.Event;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
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

    /** One row of {@code intake-claim-batch.sql}; a held prescription has no NewRx MessageID yet (null). */
    public Map<String, Object> claimParams() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("idempotencyKey", idempotencyKey);
        row.put("status", status);
        row.put("controlled", controlled);
        row.put("pharmacyNcpdpId", pharmacyNcpdpId);
        row.put("version", events.size());
        row.put("medicationRequest", medicationRequestJson);
        row.put("createdAt", receivedAt);
        row.put("newRxMessageId", newRxMessageId);
        return row;
    }

    /** True when the NewRx goes out through the outbox (its pharmacy is known). */
    public boolean routed() {
        return outboxParams != null;
    }

    /** One parameter map per event, rows of {@code event-append-batch.sql}. */
    public List<Map<String, Object>> eventParams() {
        return Event.appendParams(id, events, receivedAt, actor, correlationId);
    }
}
