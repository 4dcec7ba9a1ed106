-- Claims due rows of the configured EHRs (:ehrs, comma-separated key ids): only the oldest row not yet
-- pushed of each prescription (so a prescription's changes arrive in order, a failing one holding the
-- later ones back), locked rows skipped. Claimed rows are leased until :leaseSeconds from now: a sender
-- that dies mid-push leaves its rows due again after the lease, never lost.
WITH due AS (
    SELECT p.id
    FROM ehr_push p
    WHERE p.pushed_at IS NULL
      AND p.next_attempt_at <= now()
      AND p.ehr = ANY(string_to_array(:ehrs, ','))
      AND NOT EXISTS (SELECT 1 FROM ehr_push o
                      WHERE o.prescription_id = p.prescription_id AND o.pushed_at IS NULL AND o.id < p.id)
    ORDER BY p.id
    LIMIT :batchSize
    FOR UPDATE SKIP LOCKED
)
-- The claimed ids as one array: the update looks each one up by primary key. (Joined to the CTE, the
-- planner walks the whole primary key once index walks are asked for: ehr-push-claim-plan.sql.)
UPDATE ehr_push
SET next_attempt_at = now() + make_interval(secs => CAST(:leaseSeconds AS double precision))
WHERE ehr_push.id = ANY (ARRAY(SELECT id FROM due))
RETURNING ehr_push.id, ehr_push.ehr, ehr_push.prescription_id, ehr_push.resource_type, ehr_push.resource_id,
          ehr_push.attempts
