-- No row back: the same MessageID was recorded first by a concurrent delivery; the caller rolls back.
INSERT INTO pharmacy_message (pharmacy_ncpdp_id, message_id, received_at, transaction_type, prescription_id,
                              outcome, error_code, description_code, reason, answer)
VALUES (:pharmacy, :messageId, now(), :transaction, :prescriptionId, :outcome, :errorCode, :descriptionCode,
        :reason, :answer)
ON CONFLICT DO NOTHING
RETURNING message_id
