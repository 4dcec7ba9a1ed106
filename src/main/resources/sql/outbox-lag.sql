-- Outbox lag for the metrics: rows not yet published to Kafka and the age of the oldest, in seconds
-- (served by the partial index outbox_pending_idx).
SELECT count(*) AS unpublished,
       coalesce(extract(epoch FROM now() - min(created_at)), 0) AS oldest_age_seconds
  FROM outbox
 WHERE published_at IS NULL
