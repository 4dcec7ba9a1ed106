-- Resend (ops API): the prescription, locked until the resend's transaction ends, so two resends of
-- the same prescription (or a resend and a late delivery outcome) take turns.
SELECT status, pharmacy_ncpdp_id, newrx_message_id, version
FROM prescription
WHERE id = :id
FOR UPDATE
