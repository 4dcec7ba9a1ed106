-- The pharmacy requests a Task search looks at, newest first; :openOnly keeps those of prescriptions
-- still waiting for the prescriber's answer (status=requested).
SELECT e.prescription_id, e.version
FROM prescription_event e
JOIN prescription p ON p.id = e.prescription_id
WHERE e.event_type IN ('RxRenewalRequested', 'RxChangeRequested')
  AND (NOT :openOnly OR p.status IN ('renewal_requested', 'change_requested'))
ORDER BY e.occurred_at DESC, e.prescription_id, e.version DESC
LIMIT :limit
