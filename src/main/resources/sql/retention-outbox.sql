-- Retention (rx-retention-pruner): one slice of published outbox rows created before the cutoff
-- (rxflow.retention.outbox-published). An unpublished row is never deleted, whatever its age. The
-- event store keeps every SCRIPT message sent (NewRxPrepared, CancelRxPrepared, ...).
DELETE FROM outbox
WHERE ctid = ANY (ARRAY(
    SELECT ctid
    FROM outbox
    WHERE created_at < :cutoff
      AND published_at IS NOT NULL
    LIMIT :batchSize))
