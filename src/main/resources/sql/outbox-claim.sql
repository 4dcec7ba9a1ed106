-- Claims a batch of unpublished rows; other relays skip the locked ones instead of waiting.
SELECT id, aggregate_id, topic, message_id, CAST(headers AS text) AS headers, payload
FROM outbox
WHERE published_at IS NULL
ORDER BY id
LIMIT :#batchSize
FOR UPDATE SKIP LOCKED
