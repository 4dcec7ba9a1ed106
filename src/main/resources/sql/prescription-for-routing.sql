-- The prescription's state and the FHIR resources it arrived with (PrescriptionReceived, version 1).
SELECT p.id, p.status, p.pharmacy_ncpdp_id, p.version, CAST(e.payload -> 'resources' AS text) AS resources
FROM prescription p
JOIN prescription_event e ON e.prescription_id = p.id AND e.version = 1
WHERE p.id = CAST(:#id AS uuid)
