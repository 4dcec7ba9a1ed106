-- Retention (rx-retention-pruner): one slice of the consumers' de-duplication records older than the
-- cutoff (rxflow.retention.processed-messages, which must outlast the Kafka topics' retention).
DELETE FROM processed_message
WHERE ctid = ANY (ARRAY(
    SELECT ctid
    FROM processed_message
    WHERE processed_at < :cutoff
    LIMIT :batchSize))
