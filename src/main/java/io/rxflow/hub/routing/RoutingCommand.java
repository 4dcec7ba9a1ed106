package io.rxflow.hub.routing;

import io.rxflow.hub.eventstore.Event;
import io.rxflow.hub.eventstore.PrescriptionStatus;
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
        List<Event> events,
        Map<String, Object> outboxParams) {

    /** Parameters of {@code prescription-reroute.sql}. */
    public Map<String, Object> rerouteParams() {
        return Map.of(
                "status", PrescriptionStatus.PREPARED,
                "pharmacyNcpdpId", pharmacyNcpdpId,
                "newRxMessageId", newRxMessageId,
                "eventCount", events.size(),
                "at", at,
                "prescriptionId", prescriptionId,
                "expectedVersion", expectedVersion);
    }

    /** One parameter map per event, for the batched {@code event-append.sql}. */
    public List<Map<String, Object>> eventParams() {
        return Event.appendParams(prescriptionId, events, at, actor, correlationId);
    }
}
