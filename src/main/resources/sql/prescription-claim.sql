-- Claims the idempotency key and writes the read model; no row back means the prescription exists.
INSERT INTO prescription (id, idempotency_key, status, is_controlled, pharmacy_ncpdp_id, version,
                          medication_request, created_at, updated_at, newrx_message_id)
VALUES (CAST(:#id AS uuid), :#idempotencyKey, :#status, :#controlled, :#pharmacyNcpdpId, :#version,
        CAST(:#medicationRequest AS jsonb), :#createdAt, :#createdAt, :#newRxMessageId)
ON CONFLICT (idempotency_key) DO NOTHING
RETURNING id
