-- The practitioner directory (docs/api.md, "Practitioner directory"): the Practitioners and
-- Organizations an operator loads from a FHIR batch or transaction Bundle (Synthea's
-- practitionerInformation*.json and hospitalInformation*.json), found by identifier when a
-- prescription's conditional reference (Practitioner?identifier=system|value) names one its Bundle
-- does not hold. One row per identifier of a resource; a reload replaces the row.
CREATE TABLE practitioner_directory (
    resource_type     text        NOT NULL CHECK (resource_type IN ('Practitioner', 'Organization')),
    identifier_system text        NOT NULL,
    identifier_value  text        NOT NULL,
    resource          text        NOT NULL,
    loaded_at         timestamptz NOT NULL,
    PRIMARY KEY (resource_type, identifier_system, identifier_value)
);

CREATE INDEX practitioner_directory_value_idx ON practitioner_directory (resource_type, identifier_value);
