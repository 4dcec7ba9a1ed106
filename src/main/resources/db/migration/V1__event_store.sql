-- The prescription event stream (the DEA/HIPAA audit trail) and the read model derived from it.

CREATE TABLE prescription_event (
    prescription_id uuid        NOT NULL,
    version         integer     NOT NULL CHECK (version > 0),
    event_type      text        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    actor           text        NOT NULL,
    correlation_id  text        NOT NULL,
    payload         jsonb       NOT NULL,
    PRIMARY KEY (prescription_id, version)
);

-- Append-only: an event, once written, is never changed or removed, whoever connects.
CREATE FUNCTION prescription_event_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'prescription_event is append-only (% refused)', TG_OP;
END
$$;

CREATE TRIGGER prescription_event_no_update_or_delete
    BEFORE UPDATE OR DELETE ON prescription_event
    FOR EACH ROW EXECUTE FUNCTION prescription_event_is_append_only();

CREATE TRIGGER prescription_event_no_truncate
    BEFORE TRUNCATE ON prescription_event
    FOR EACH STATEMENT EXECUTE FUNCTION prescription_event_is_append_only();

-- Current state of each prescription, written in the same transaction as the events it reflects.
CREATE TABLE prescription (
    id                 uuid        PRIMARY KEY,
    idempotency_key    text        NOT NULL UNIQUE,
    status             text        NOT NULL,
    is_controlled      boolean     NOT NULL,
    pharmacy_ncpdp_id  text        NOT NULL,
    version            integer     NOT NULL,
    medication_request jsonb       NOT NULL,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);

-- Refused requests: who, when, which rule and where; never the refused content (it may hold PHI).
CREATE TABLE intake_rejection (
    id             bigserial   PRIMARY KEY,
    rejected_at    timestamptz NOT NULL,
    actor          text        NOT NULL,
    correlation_id text        NOT NULL,
    http_status    integer     NOT NULL,
    rule           text        NOT NULL,
    expression     text
);

CREATE INDEX intake_rejection_rule_idx ON intake_rejection (rule, rejected_at);
