-- ids: the claimed outbox ids, comma-separated.
UPDATE outbox
SET published_at = now(), attempts = attempts + 1
WHERE id = ANY(CAST(string_to_array(:#ids, ',') AS bigint[]))
