-- Group commit: the events of every claimed command of a batch in one statement.
INSERT INTO prescription_event (prescription_id, version, event_type, occurred_at, actor, correlation_id, payload)
SELECT *
FROM unnest(CAST(:prescriptionId AS uuid[]), CAST(:version AS integer[]), CAST(:eventType AS text[]),
            CAST(:occurredAt AS timestamptz[]), CAST(:actor AS text[]), CAST(:correlationId AS text[]),
            CAST(:payload AS jsonb[]))
