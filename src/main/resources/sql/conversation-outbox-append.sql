-- A message to a pharmacy after the NewRx (CancelRx), in the same transaction as its event.
INSERT INTO outbox (aggregate_id, message_type, topic, message_id, headers, payload, created_at)
VALUES (CAST(:aggregateId AS uuid), :messageType, :topic, :messageId, CAST(:headers AS jsonb), :payload, :createdAt)
