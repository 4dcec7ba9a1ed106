SELECT payload ->> 'content_key' AS content_key
FROM prescription_event
WHERE prescription_id = CAST(:#id AS uuid)
  AND version = 1
