-- The prescription's most recent NewRx (SCRIPT 2023011 as prepared at intake).
SELECT payload ->> 'message_id' AS message_id,
       payload ->> 'script_version' AS script_version,
       payload ->> 'xml' AS xml
FROM prescription_event
WHERE prescription_id = CAST(:#id AS uuid)
  AND event_type = 'NewRxPrepared'
ORDER BY version DESC
LIMIT 1
