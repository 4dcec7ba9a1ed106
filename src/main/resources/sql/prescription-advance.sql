-- Moves the read model to the next version; no row back means another writer got there first.
-- A null status keeps the current one (the delivery of a CancelRx: its CancelRxResponse settles it).
UPDATE prescription
SET status = COALESCE(:#status, status), version = version + 1, updated_at = now()
WHERE id = CAST(:#prescriptionId AS uuid)
RETURNING version
