-- The EHR's server took the resource.
UPDATE ehr_push
SET pushed_at = now(), attempts = attempts + 1, last_error = NULL
WHERE id = :id
