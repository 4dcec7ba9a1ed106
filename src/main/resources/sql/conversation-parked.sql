-- Pharmacy messages by outcome, newest first (GET /api/v1/pharmacy-messages).
SELECT pharmacy_ncpdp_id, message_id, CAST(received_at AS text) AS received_at, transaction_type,
       CAST(prescription_id AS text) AS prescription_id, outcome, error_code,
       description_code, reason
FROM pharmacy_message
WHERE outcome = :outcome
ORDER BY received_at DESC
LIMIT :limit
