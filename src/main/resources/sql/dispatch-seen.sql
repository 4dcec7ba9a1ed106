-- Idempotent consumer check: has this pharmacy's dispatch route already recorded this NewRx?
SELECT count(*)
FROM processed_message
WHERE consumer = :#consumer
  AND message_id = :#messageId
