-- A pharmacy's message moved the prescription on while a renewal or change request was waiting for
-- the prescriber (a pharmacy Error): that request's Task is now cancelled. One push
-- row for the newest request before :version, for the EHR that submitted the prescription when it is
-- one of :ehrs; otherwise nothing is written.
INSERT INTO ehr_push (ehr, prescription_id, resource_type, resource_id, created_at, next_attempt_at)
SELECT f.actor, r.prescription_id, 'Task', r.prescription_id || '-' || max(r.version), now(), now()
FROM prescription_event r
JOIN prescription_event f ON f.prescription_id = r.prescription_id AND f.version = 1
WHERE r.prescription_id = :id
  AND r.version < :version
  AND r.event_type IN ('RxRenewalRequested', 'RxChangeRequested')
  AND f.actor = ANY(string_to_array(:ehrs, ','))
GROUP BY r.prescription_id, f.actor
