-- Reliable delivery: the transactional outbox (written with the events it announces), the
-- de-duplication table of message consumers, and the NewRx MessageID on the read model.

CREATE TABLE outbox (
    id             bigserial   PRIMARY KEY,
    aggregate_id   uuid        NOT NULL,
    message_type   text        NOT NULL,
    topic          text        NOT NULL,
    message_id     text        NOT NULL UNIQUE,
    headers        jsonb       NOT NULL,
    payload        text        NOT NULL,
    created_at     timestamptz NOT NULL,
    published_at   timestamptz,
    attempts       integer     NOT NULL DEFAULT 0,
    last_error     text
);

-- The relay only ever looks for what is not yet published.
CREATE INDEX outbox_pending_idx ON outbox (id) WHERE published_at IS NULL;

-- Idempotent consumers: a message id is recorded in the same transaction as the work it guards.
CREATE TABLE processed_message (
    consumer     text        NOT NULL,
    message_id   text        NOT NULL,
    processed_at timestamptz NOT NULL,
    PRIMARY KEY (consumer, message_id)
);

-- Pharmacy answers name the NewRx they answer by its MessageID.
ALTER TABLE prescription ADD COLUMN newrx_message_id text;
CREATE UNIQUE INDEX prescription_newrx_message_id_idx ON prescription (newrx_message_id);
