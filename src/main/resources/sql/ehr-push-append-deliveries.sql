-- The delivery of a prescriber's RxRenewalResponse / RxChangeResponse changes its Task (accepted to
-- completed, or failed): one push row per delivered response of a prescription whose EHR is one of :ehrs.
-- :prescriptionIds and :messageIds: the batch's delivered messages, comma-separated, in the same order.
INSERT INTO ehr_push (ehr, prescription_id, resource_type, resource_id, created_at, next_attempt_at)
SELECT f.actor, r.prescription_id, 'Task', r.prescription_id || '-' || (r.payload ->> 'request_version'), now(), now()
FROM unnest(CAST(string_to_array(:prescriptionIds, ',') AS uuid[]), string_to_array(:messageIds, ','))
         AS d(prescription_id, message_id)
JOIN prescription_event r ON r.prescription_id = d.prescription_id
                         AND r.event_type IN ('RxRenewalResponsePrepared', 'RxChangeResponsePrepared')
                         AND r.payload ->> 'message_id' = d.message_id
JOIN prescription_event f ON f.prescription_id = d.prescription_id AND f.version = 1
WHERE f.actor = ANY(string_to_array(:ehrs, ','))
