-- The next status (or the same one) and version; the pharmacy's RxReferenceNumber kept once known.
UPDATE prescription
SET status = :status, version = version + 1, updated_at = now(),
    rx_reference_number = COALESCE(rx_reference_number, :rxReference)
WHERE id = :id
RETURNING version
