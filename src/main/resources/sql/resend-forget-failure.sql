-- Resend: forget the pharmacy's dispatch route's record of the failed delivery, so its idempotent
-- consumer lets the resent copy through. Only ever run for a prescription in dispatch_failed (no
-- pharmacy answer recorded), in the transaction that puts the copy in the outbox. The consumer is the
-- dispatch route's id, rx-dispatch-<ncpdp-id> (dispatch/DispatchRoutes).
DELETE FROM processed_message
WHERE consumer = :consumer
  AND message_id = :messageId
