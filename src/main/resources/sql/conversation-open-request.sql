-- The pharmacy's latest RxRenewalRequest or RxChangeRequest on a prescription (the one an answer is for).
SELECT version, payload ->> 'message_id' AS message_id, payload ->> 'xml' AS xml
FROM prescription_event
WHERE prescription_id = :id AND event_type = :eventType
ORDER BY version DESC
LIMIT 1
