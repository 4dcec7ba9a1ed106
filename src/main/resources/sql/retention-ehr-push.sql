-- Retention (rx-retention-pruner): one slice of EHR push rows created before the cutoff and pushed
-- (rxflow.retention.ehr-pushed). A row not pushed yet is never deleted, whatever its age: it is the
-- promise that the EHR will be told. What was pushed stays in the event store (EhrPushed events).
DELETE FROM ehr_push
WHERE ctid = ANY (ARRAY(
    SELECT ctid
    FROM ehr_push
    WHERE created_at < :cutoff
      AND pushed_at IS NOT NULL
    LIMIT :batchSize))
