-- Dispatch group commit: the de-duplication records of a batch of outcomes, in one statement. Back come
-- the ones recorded now; a message another delivery recorded first (or twice in one batch) is not, and
-- gets no event.
INSERT INTO processed_message (consumer, message_id, processed_at)
SELECT consumer, message_id, now()
FROM unnest(CAST(:consumer AS text[]), CAST(:messageId AS text[])) WITH ORDINALITY AS b(consumer, message_id, n)
ORDER BY n
ON CONFLICT DO NOTHING
RETURNING consumer, message_id
