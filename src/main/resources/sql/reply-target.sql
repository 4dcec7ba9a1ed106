-- What a Status, Error or Verify on ncpdp.inbound answers: the prescription whose NewRx has that
-- MessageID, or the hub's later message to the pharmacy (CancelRx, RxRenewalResponse,
-- RxChangeResponse) by its outbox row, which retention keeps for weeks after it was published.
SELECT id, 'NewRx' AS message_type
  FROM prescription
 WHERE newrx_message_id = :#relatesTo
UNION ALL
SELECT aggregate_id, message_type
  FROM outbox
 WHERE message_id = :#relatesTo
   AND message_type <> 'NewRx'
LIMIT 1
