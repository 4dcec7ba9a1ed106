-- The prescriptions holding the keys a batch could not claim (claimed earlier, or by an earlier row of
-- the same batch).
SELECT id, idempotency_key, status, is_controlled, version, created_at,
       CAST(medication_request AS text) AS medication_request
FROM prescription
WHERE idempotency_key = ANY(CAST(:idempotencyKey AS text[]))
