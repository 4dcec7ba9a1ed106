-- Idempotent consumer check: has this pharmacy's dispatch route already recorded this NewRx?
SELECT count(*)
FROM processed_message
WHERE consumer = 'rx-dispatch-' || :#${exchangeProperty.rxPharmacy}
  AND message_id = :#${header.rxflow-message-id}
