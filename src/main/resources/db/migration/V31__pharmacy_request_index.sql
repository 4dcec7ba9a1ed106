-- The pharmacy's renewal and change requests, newest first: GET /fhir/r5/Task reads them from the
-- event stream (each Task is a view over its prescription's events, docs/conversation.md); this
-- partial index keeps that search off the rest of the stream.
CREATE INDEX prescription_event_request_idx ON prescription_event (occurred_at DESC)
    WHERE event_type IN ('RxRenewalRequested', 'RxChangeRequested');
