INSERT INTO prescription_event (prescription_id, version, event_type, occurred_at, actor, correlation_id, payload)
VALUES (:id, :version, :eventType, now(), :actor, :correlationId, CAST(:payload AS jsonb))
