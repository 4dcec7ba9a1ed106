-- Moves the read model to the next version; no row back means another writer got there first.
UPDATE prescription
SET status = :#status, version = version + 1, updated_at = now()
WHERE id = CAST(:#prescriptionId AS uuid)
RETURNING version
