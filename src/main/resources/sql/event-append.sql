INSERT INTO prescription_event (prescription_id, version, event_type, occurred_at, actor, correlation_id, payload)
VALUES (CAST(:#prescriptionId AS uuid), :#version, :#eventType, :#occurredAt, :#actor, :#correlationId,
        CAST(:#payload AS jsonb))
