-- Retention (rx-retention-pruner): one slice of refused requests older than the cutoff
-- (rxflow.retention.rejections).
DELETE FROM intake_rejection
WHERE ctid = ANY (ARRAY(
    SELECT ctid
    FROM intake_rejection
    WHERE rejected_at < :cutoff
    LIMIT :batchSize))
