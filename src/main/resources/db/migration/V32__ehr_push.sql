-- Back to the EHR (docs/conversation.md, "Pushed to the EHR's FHIR server"): one row per change an EHR
-- with its own FHIR server is told about, written in the same transaction as the event that made the
-- change. It names the resource to push (type and id), never its content: the content is built from
-- the prescription's stream when the row is sent, so the EHR gets the resource as it is then.
-- ehr is the API key id that submitted the prescription (the actor of its first event).
CREATE TABLE ehr_push (
    id              bigserial   PRIMARY KEY,
    ehr             text        NOT NULL,
    prescription_id uuid        NOT NULL,
    resource_type   text        NOT NULL CHECK (resource_type IN ('Task', 'MedicationDispense', 'MedicationRequest')),
    resource_id     text        NOT NULL,
    created_at      timestamptz NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    pushed_at       timestamptz,
    attempts        integer     NOT NULL DEFAULT 0,
    last_error      text
);

-- The sender looks only at what is not pushed yet, oldest first, and a prescription's oldest first.
CREATE INDEX ehr_push_pending_idx ON ehr_push (id) WHERE pushed_at IS NULL;
CREATE INDEX ehr_push_pending_prescription_idx ON ehr_push (prescription_id, id) WHERE pushed_at IS NULL;
