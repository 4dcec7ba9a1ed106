-- Resend: the NewRx as it was prepared, by its MessageID, from the event store (kept for years,
-- whatever the retention of published outbox rows).
SELECT payload ->> 'script_version' AS script_version,
       payload ->> 'xml' AS xml
FROM prescription_event
WHERE prescription_id = :id
  AND event_type = 'NewRxPrepared'
  AND payload ->> 'message_id' = :messageId
ORDER BY version DESC
LIMIT 1
