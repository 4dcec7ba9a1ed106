-- The pharmacy requests a Task search looks at, newest first, a page at a time: those after the
-- cursor (:afterAt, :afterId, :afterVersion; all null for the first page), in the order of
-- (occurred_at, prescription_id, version) descending. :openOnly keeps those of prescriptions still
-- waiting for the prescriber's answer (status=requested).
SELECT e.prescription_id, e.version, e.occurred_at
FROM prescription_event e
JOIN prescription p ON p.id = e.prescription_id
WHERE e.event_type IN ('RxRenewalRequested', 'RxChangeRequested')
  AND (NOT :openOnly OR p.status IN ('renewal_requested', 'change_requested'))
  AND (CAST(:afterAt AS timestamptz) IS NULL
       OR (e.occurred_at, e.prescription_id, e.version)
          < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid), CAST(:afterVersion AS integer)))
ORDER BY e.occurred_at DESC, e.prescription_id DESC, e.version DESC
LIMIT :limit
