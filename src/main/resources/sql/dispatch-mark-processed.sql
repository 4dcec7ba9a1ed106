-- No row back: another delivery of the same message was recorded first; the caller rolls back.
INSERT INTO processed_message (consumer, message_id, processed_at)
VALUES (:#consumer, :#messageId, now())
ON CONFLICT DO NOTHING
RETURNING message_id
