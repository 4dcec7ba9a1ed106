package io.rxflow.hub.intake;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** What routing a prescription writes: the read model's move, two events and the outbox row. */
public record RoutingCommand(
        String prescriptionId,
        int expectedVersion,
        String pharmacyNcpdpId,
        String newRxMessageId,
        OffsetDateTime at,
        String actor,
        String correlationId,
        List<IntakeCommand.Event> events,
        Map<String, Object> outboxParams) {

    /** Parameters of {@code prescription-reroute.sql}. */
    public Map<String, Object> rerouteParams() {
        return Map.of(
                "status", IntakeCommand.STATUS_PREPARED,
                "pharmacyNcpdpId", pharmacyNcpdpId,
                "newRxMessageId", newRxMessageId,
                "eventCount", events.size(),
                "at", at,
                "prescriptionId", prescriptionId,
                "expectedVersion", expectedVersion);
    }

    /** One parameter map per event, for the batched {@code event-append.sql}. */
    public List<Map<String, Object>> eventParams() {
        return IntakeCommand.eventParams(prescriptionId, events, at, actor, correlationId);
    }
}
