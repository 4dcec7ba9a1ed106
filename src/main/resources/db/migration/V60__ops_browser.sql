-- The operators' message browser (GET /api/v1/ops/prescriptions): one index per filter, each ordered
-- by the browser's sort (newest first), so every page is an index range scan whatever the table size.
CREATE INDEX prescription_created_idx ON prescription (created_at DESC, id DESC);
CREATE INDEX prescription_status_created_idx ON prescription (status, created_at DESC, id DESC);
CREATE INDEX prescription_pharmacy_created_idx ON prescription (pharmacy_ncpdp_id, created_at DESC, id DESC);
CREATE INDEX prescription_controlled_created_idx ON prescription (created_at DESC, id DESC) WHERE is_controlled;

-- The patient's identifiers (MRN, member id, ...) as the stored MedicationRequest carries them in its
-- contained Patient; the browser's patient_identifier filter uses the same expression.
CREATE INDEX prescription_patient_identifier_idx ON prescription USING gin (
    jsonb_path_query_array(medication_request,
        '$.contained[*] ? (@.resourceType == "Patient").identifier[*].value') jsonb_path_ops);

-- Every SCRIPT message the hub sent for one prescription, for the browser's detail view.
CREATE INDEX outbox_aggregate_idx ON outbox (aggregate_id, id);

-- Who did what through the ops API, and who read a prescription's content there: never the content.
CREATE TABLE ops_audit (
    id          bigserial   PRIMARY KEY,
    at          timestamptz NOT NULL,
    actor       text        NOT NULL,
    action      text        NOT NULL,
    target      text,
    detail      jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX ops_audit_at_idx ON ops_audit (at);

-- Pharmacies whose dispatch an operator paused: kept across restarts and directory reloads.
CREATE TABLE pharmacy_dispatch_pause (
    pharmacy_ncpdp_id text        PRIMARY KEY,
    paused_at         timestamptz NOT NULL,
    paused_by         text        NOT NULL,
    reason            text
);
