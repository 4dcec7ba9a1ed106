-- Outbox lag for the metrics: unpublished rows and the age of the oldest, over the partial index of
-- unpublished rows (outbox_pending_idx), so the cost follows the backlog, not the table.
SELECT count(*) AS pending,
       COALESCE(EXTRACT(EPOCH FROM (now() - min(created_at))), 0) AS oldest_age_seconds
FROM outbox
WHERE published_at IS NULL
