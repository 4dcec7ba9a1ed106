-- The push failed: the row stays, due again after :delaySeconds; last_error is the failure's type and
-- HTTP status only (the EHR's answer may quote content).
UPDATE ehr_push
SET attempts = attempts + 1, last_error = :error, next_attempt_at = now() + make_interval(secs => CAST(:delaySeconds AS double precision))
WHERE id = :id
RETURNING attempts
