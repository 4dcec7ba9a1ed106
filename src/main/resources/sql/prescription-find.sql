SELECT id, status, is_controlled, pharmacy_ncpdp_id, version, created_at, updated_at,
       CAST(medication_request AS text) AS medication_request
FROM prescription
WHERE id = CAST(:#id AS uuid)
