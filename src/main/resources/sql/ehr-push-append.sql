-- A change to push to the EHR that submitted the prescription (the actor of its first event), when that
-- EHR is one of :ehrs (comma-separated key ids, the configured ones); otherwise nothing is written.
INSERT INTO ehr_push (ehr, prescription_id, resource_type, resource_id, created_at, next_attempt_at)
SELECT e.actor, e.prescription_id, :resourceType, :resourceId, now(), now()
FROM prescription_event e
WHERE e.prescription_id = :id
  AND e.version = 1
  AND e.actor = ANY(string_to_array(:ehrs, ','))
