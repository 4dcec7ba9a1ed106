-- Optimistic: no row back means the prescription moved on since it was read (answered 409).
UPDATE prescription
SET status = :#status, pharmacy_ncpdp_id = :#pharmacyNcpdpId, newrx_message_id = :#newRxMessageId,
    version = version + :#eventCount, updated_at = :#at
WHERE id = CAST(:#prescriptionId AS uuid) AND version = :#expectedVersion
RETURNING version
