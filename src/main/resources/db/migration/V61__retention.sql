-- Retention (rx-retention-pruner): the pruner finds old rows by time. BRIN indexes, because these
-- columns grow with insertion order: a few pages each, next to nothing per insert, and the outbox's
-- publish update (published_at) stays a HOT update because created_at never changes.
CREATE INDEX outbox_created_brin ON outbox USING brin (created_at);
CREATE INDEX processed_message_processed_brin ON processed_message USING brin (processed_at);
CREATE INDEX intake_rejection_rejected_brin ON intake_rejection USING brin (rejected_at);
CREATE INDEX pharmacy_message_received_brin ON pharmacy_message USING brin (received_at);
