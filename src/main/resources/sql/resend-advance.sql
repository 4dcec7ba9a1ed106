-- Resend: the prescription is on its way again (prepared) by one event, NewRxResent.
UPDATE prescription
SET status = 'prepared', version = version + 1, updated_at = :at
WHERE id = :id
  AND version = :version
RETURNING version
