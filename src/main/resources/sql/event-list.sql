SELECT version, event_type, occurred_at, actor, correlation_id, CAST(payload AS text) AS payload
FROM prescription_event
WHERE prescription_id = CAST(:#id AS uuid)
ORDER BY version
