-- Retention (rx-retention-pruner): one slice of pharmacy messages' records (their outcome and the answer
-- a duplicate gets) older than the cutoff (rxflow.retention.pharmacy-messages). The events they made
-- stay on the prescriptions' streams.
DELETE FROM pharmacy_message
WHERE ctid = ANY (ARRAY(
    SELECT ctid
    FROM pharmacy_message
    WHERE received_at < :cutoff
    LIMIT :batchSize))
