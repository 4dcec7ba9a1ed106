-- One event of a prescription's stream (a fill pushed as its MedicationDispense), as event-list.sql reads it.
SELECT version, event_type, occurred_at, actor, correlation_id, CAST(payload AS text) AS payload
FROM prescription_event
WHERE prescription_id = :id AND version = :version
