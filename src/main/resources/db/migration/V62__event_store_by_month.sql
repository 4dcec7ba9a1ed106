-- The event store by month, so that an old month can be detached and archived whole
-- (docs/operations.md, "Archiving the event store"). Prescription ids are UUIDv7 from this version on
-- (eventstore.PrescriptionIds): their first 48 bits are the milliseconds of the moment the
-- prescription was received. Partitioning by range of prescription_id therefore puts every event of
-- a prescription in the partition of the month its stream began, keeps (prescription_id, version)
-- the primary key (the partition key is part of it, so it stays unique across all months), and needs
-- nothing from the statements that write or read events. Ids from before (UUIDv4, random) and any
-- other id live in the DEFAULT partition prescription_event_other.

ALTER TABLE prescription_event RENAME TO prescription_event_unpartitioned;
ALTER INDEX prescription_event_pkey RENAME TO prescription_event_unpartitioned_pkey;
ALTER INDEX prescription_event_request_idx RENAME TO prescription_event_unpartitioned_request_idx;

CREATE TABLE prescription_event (
    prescription_id uuid        NOT NULL,
    version         integer     NOT NULL CHECK (version > 0),
    event_type      text        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    actor           text        NOT NULL,
    correlation_id  text        NOT NULL,
    payload         jsonb       NOT NULL,
    PRIMARY KEY (prescription_id, version)
) PARTITION BY RANGE (prescription_id);

CREATE INDEX prescription_event_request_idx ON prescription_event (occurred_at DESC)
    WHERE event_type IN ('RxRenewalRequested', 'RxChangeRequested');

-- Append-only, as before: row triggers of a partitioned table apply to every partition; TRUNCATE is
-- per table, so each partition gets its own statement trigger (rxflow_event_partition_create).
CREATE TRIGGER prescription_event_no_update_or_delete
    BEFORE UPDATE OR DELETE ON prescription_event
    FOR EACH ROW EXECUTE FUNCTION prescription_event_is_append_only();
CREATE TRIGGER prescription_event_no_truncate
    BEFORE TRUNCATE ON prescription_event
    FOR EACH STATEMENT EXECUTE FUNCTION prescription_event_is_append_only();

-- The smallest UUIDv7 of an instant: its Unix milliseconds in the first 48 bits, zeros after.
CREATE FUNCTION rxflow_uuid7_floor(t timestamptz) RETURNS uuid
LANGUAGE sql IMMUTABLE AS $$
    SELECT CAST(lpad(to_hex(CAST(floor(extract(epoch FROM t) * 1000) AS bigint)), 12, '0')
                || '00000000000000000000' AS uuid)
$$;

-- The partition of one month (UTC), created when missing; its name is prescription_event_YYYY_MM.
-- When the DEFAULT partition already holds events of that month (no partition existed while they
-- were written) it cannot be created: a warning, and they stay where they are.
CREATE FUNCTION rxflow_event_partition_create(month_start date) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    first_day date := CAST(date_trunc('month', month_start) AS date);
    name      text := 'prescription_event_' || to_char(first_day, 'YYYY_MM');
    low       uuid := rxflow_uuid7_floor(CAST(first_day AS timestamp) AT TIME ZONE 'UTC');
    high      uuid := rxflow_uuid7_floor(CAST(first_day + interval '1 month' AS timestamp) AT TIME ZONE 'UTC');
BEGIN
    -- Several hub instances run this; one creates, the others then find it.
    PERFORM pg_advisory_xact_lock(hashtext('rxflow_event_partition_create'));
    IF to_regclass(name) IS NULL THEN
        BEGIN
            EXECUTE format('CREATE TABLE %I PARTITION OF prescription_event FOR VALUES FROM (%L) TO (%L)',
                           name, low, high);
            EXECUTE format('CREATE TRIGGER prescription_event_no_truncate BEFORE TRUNCATE ON %I '
                           'FOR EACH STATEMENT EXECUTE FUNCTION prescription_event_is_append_only()', name);
        EXCEPTION WHEN check_violation THEN
            RAISE WARNING 'partition % not created: prescription_event_other holds events of that month', name;
            RETURN NULL;
        END;
    END IF;
    RETURN name;
END
$$;

-- This month and the next `ahead` months (route rx-event-partitions keeps them ahead of time).
CREATE FUNCTION rxflow_event_partitions_ahead(ahead integer) RETURNS SETOF text
LANGUAGE sql AS $$
    SELECT rxflow_event_partition_create(
               CAST(date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => n) AS date))
      FROM generate_series(0, ahead) AS n
$$;

CREATE TABLE prescription_event_other PARTITION OF prescription_event DEFAULT;
CREATE TRIGGER prescription_event_no_truncate
    BEFORE TRUNCATE ON prescription_event_other
    FOR EACH STATEMENT EXECUTE FUNCTION prescription_event_is_append_only();

SELECT rxflow_event_partitions_ahead(2);

INSERT INTO prescription_event
SELECT prescription_id, version, event_type, occurred_at, actor, correlation_id, payload
  FROM prescription_event_unpartitioned;
DROP TABLE prescription_event_unpartitioned;
