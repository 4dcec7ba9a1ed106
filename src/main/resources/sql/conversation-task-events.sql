-- The events a prescription's Tasks are made of (its requests, the prescriber's answers and their
-- delivery), with the prescription's status now.
SELECT e.version, e.event_type, e.occurred_at, e.actor, CAST(e.payload AS text) AS payload, p.status
FROM prescription_event e
JOIN prescription p ON p.id = e.prescription_id
WHERE e.prescription_id = :id
  AND e.event_type IN ('RxRenewalRequested', 'RxChangeRequested', 'RxRenewalResponsePrepared',
                       'RxChangeResponsePrepared', 'Dispatched', 'DispatchFailed', 'DispatchRejected')
ORDER BY e.version
