-- Retention of the EHR push rows (rx-retention-pruner, rxflow.retention.ehr-pushed): the pruner finds
-- pushed rows by age, as it does for the outbox (V61); a row not pushed yet is never deleted.
CREATE INDEX ehr_push_created_brin ON ehr_push USING brin (created_at);
