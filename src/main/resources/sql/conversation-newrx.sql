-- The prescription's most recent NewRx (SCRIPT 2023011 as prepared), for the CancelRx that relates to it.
SELECT payload ->> 'xml' AS xml
FROM prescription_event
WHERE prescription_id = :id AND event_type = 'NewRxPrepared'
ORDER BY version DESC
LIMIT 1
