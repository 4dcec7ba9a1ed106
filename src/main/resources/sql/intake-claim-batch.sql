-- Group commit: claims the idempotency keys of a batch of intake commands and writes their read model
-- in one statement. Rows are taken in the order given (n): of two rows with the same key, the first
-- wins and the second is skipped, as is a key claimed by an earlier transaction. Only claimed rows
-- come back.
INSERT INTO prescription (id, idempotency_key, status, is_controlled, pharmacy_ncpdp_id, version,
                          medication_request, created_at, updated_at, newrx_message_id)
SELECT id, idempotency_key, status, is_controlled, pharmacy_ncpdp_id, version, medication_request,
       created_at, created_at, newrx_message_id
FROM unnest(CAST(:id AS uuid[]), CAST(:idempotencyKey AS text[]), CAST(:status AS text[]),
            CAST(:controlled AS boolean[]), CAST(:pharmacyNcpdpId AS text[]), CAST(:version AS integer[]),
            CAST(:medicationRequest AS jsonb[]), CAST(:createdAt AS timestamptz[]),
            CAST(:newRxMessageId AS text[]))
     WITH ORDINALITY AS b(id, idempotency_key, status, is_controlled, pharmacy_ncpdp_id, version,
                          medication_request, created_at, newrx_message_id, n)
ORDER BY n
ON CONFLICT (idempotency_key) DO NOTHING
RETURNING id
