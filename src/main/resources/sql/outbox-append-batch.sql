-- Group commit: the outbox rows of every claimed, routed command of a batch in one statement, in the
-- order given (outbox ids follow it, and the relay publishes in id order).
INSERT INTO outbox (aggregate_id, message_type, topic, message_id, headers, payload, created_at)
SELECT aggregate_id, message_type, topic, message_id, headers, payload, created_at
FROM unnest(CAST(:aggregateId AS uuid[]), CAST(:messageType AS text[]), CAST(:topic AS text[]),
            CAST(:messageId AS text[]), CAST(:headers AS jsonb[]), CAST(:payload AS text[]),
            CAST(:createdAt AS timestamptz[]))
     WITH ORDINALITY AS b(aggregate_id, message_type, topic, message_id, headers, payload, created_at, n)
ORDER BY n
